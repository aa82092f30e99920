import pg from 'pg';
import type { StackManifest } from '../manifest/manifest';

export interface PostgresAddress {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

const POLL_MS = 10;
/** Before triggering again after an empty window: let the table gain rows. */
const RETRY_AFTER_MS = 1_500;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds one table's watermark row with `SELECT ... FOR UPDATE` from the test's own Postgres
 * session, taken while a run is under way (its status is `running`), so that the run blocks at
 * its next write to the row: the watermark move of its commit, after everything before it in
 * its commit order. It only reads Postgres through the manifest's names, so it sets the same scene
 * for any offload that keeps K2's watermark table, the reference one or K2's own.
 *
 * A control, like the offload driver: it sets the scene for a fault. If the test process dies,
 * Postgres ends the session and the lock goes with it.
 */
export class WatermarkRowLock {
  private constructor(private readonly client: pg.Client, readonly table: string, readonly blockedQuery: string) {}

  /**
   * Triggers runs of `table` until one is blocked on the row this session holds. A run that
   * finished before the lock was taken (its status no longer `running`) is let go and another one
   * triggered. Rejects, with the lock released, if none blocks within `timeoutMs`.
   */
  static async holdUntilRunBlocked(address: PostgresAddress, manifest: StackManifest, table: string, trigger: () => Promise<void>, timeoutMs: number): Promise<WatermarkRowLock> {
    const client = new pg.Client(address);
    // Postgres going down under the lock (the catalog-down mode) ends this session: nothing to report, release has nothing left to do.
    client.on('error', () => undefined);
    await client.connect();
    const w = manifest.watermarks;
    const statusOf = `SELECT ${quote(w.columns.status)}::text AS status FROM ${quote(w.table)} WHERE ${quote(w.columns.tableName)} = $1`;
    const deadline = Date.now() + timeoutMs;
    let last = 'no run triggered yet';
    try {
      while (Date.now() < deadline) {
        await trigger();
        if (!(await waitFor(async () => (await client.query<{ status: string }>(statusOf, [table])).rows[0]?.status === 'running', Math.min(10_000, deadline - Date.now())))) {
          last = `no run of ${table} showed status running`;
          continue;
        }
        await client.query('BEGIN');
        const held = (await client.query<{ status: string }>(`${statusOf} FOR UPDATE`, [table])).rows[0]?.status;
        if (held !== 'running') {
          await client.query('ROLLBACK');
          last = `the run of ${table} had finished (status ${held}) before the lock was taken`;
          continue;
        }
        let blocked: string | undefined;
        await waitFor(async () => {
          // Inside a transaction pg_stat_activity is a snapshot taken at its first read: refresh it.
          await client.query('SELECT pg_stat_clear_snapshot()');
          const { rows } = await client.query<{ query: string }>(
            'SELECT query FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))');
          blocked = rows[0]?.query;
          return blocked !== undefined;
        }, Math.max(0, deadline - Date.now()));
        const query = blocked?.replace(/\s+/g, ' ').trim();
        // Only the write that moves the position is the commit; an empty window writes the status alone.
        if (query !== undefined && movesPosition(query, w.columns.timestamp)) return new WatermarkRowLock(client, table, query);
        await client.query('ROLLBACK');
        last = query === undefined
          ? `the run of ${table} never wrote its watermark row while it was held`
          : `the run of ${table} wrote its watermark row without moving ${w.columns.timestamp} (an empty window?): ${query.slice(0, 120)}`;
        await sleep(RETRY_AFTER_MS);
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    await client.end().catch(() => undefined);
    throw new Error(`no offload run of ${table} blocked on its watermark row within ${timeoutMs} ms: ${last}`);
  }

  /** Lets the blocked write through (or the transaction of a killed run end). Idempotent. */
  async release(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}

/** Whether an UPDATE statement assigns the watermark's position column. */
export function movesPosition(query: string, column: string): boolean {
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return /^UPDATE\b/i.test(query) && new RegExp(`\\bSET\\b.*"?\\b${escaped}\\b"?\\s*=`, 'i').test(query);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  do {
    if (await condition()) return true;
    await sleep(POLL_MS);
  } while (Date.now() < deadline);
  return false;
}
