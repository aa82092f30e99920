import type { PostgresQueries } from './postgres-queries';

export type OffloadRunState = 'SCHEDULED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** One row of the offload run ledger (`offload_runs`). */
export interface OffloadRunRow {
  id: string;
  table: string;
  trigger: string;
  state: OffloadRunState;
  /** Unix ms; null until the run has read its watermark. */
  windowStartMs: number | null;
  windowEndMs: number | null;
  rows: number;
  files: number;
  snapshotId: string | null;
  error: string | null;
  scheduledAtMs: number;
  finishedAtMs: number | null;
}

/**
 * Reads the run ledger (read-only), oldest first; optionally one table, the runs scheduled since
 * a time (`sinceMs`), or the runs scheduled or finished since a time (`activeSinceMs`): a run
 * scheduled just before a test began can still commit during it.
 */
export async function readOffloadRuns(client: PostgresQueries, filter: { table?: string; sinceMs?: number; activeSinceMs?: number } = {}): Promise<OffloadRunRow[]> {
  const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;
  const { rows } = await client.query<Record<string, string | number | null>>(
    `SELECT id::text, table_name, trigger, state, ${ms('window_start')} AS ws, ${ms('window_end')} AS we, row_count::float8 AS row_count,
            file_count, snapshot_id::text AS snapshot_id, error, ${ms('scheduled_at')} AS sched, ${ms('finished_at')} AS fin
       FROM offload_runs
      WHERE ($1::text IS NULL OR table_name = $1) AND ($2::float8 IS NULL OR scheduled_at >= to_timestamp($2 / 1000.0))
        AND ($3::float8 IS NULL OR scheduled_at >= to_timestamp($3 / 1000.0) OR finished_at >= to_timestamp($3 / 1000.0))
      ORDER BY scheduled_at, id`, [filter.table ?? null, filter.sinceMs ?? null, filter.activeSinceMs ?? null]);
  return rows.map((r) => ({
    id: String(r.id), table: String(r.table_name), trigger: String(r.trigger), state: r.state as OffloadRunState,
    windowStartMs: r.ws === null ? null : Number(r.ws), windowEndMs: r.we === null ? null : Number(r.we),
    rows: Number(r.row_count), files: Number(r.file_count), snapshotId: r.snapshot_id === null ? null : String(r.snapshot_id),
    error: r.error === null ? null : String(r.error), scheduledAtMs: Number(r.sched), finishedAtMs: r.fin === null ? null : Number(r.fin),
  }));
}

/** Run counts per state, every state present (0 when none). */
export function countRunsByState(runs: OffloadRunRow[]): Record<OffloadRunState, number> {
  const counts: Record<OffloadRunState, number> = { SCHEDULED: 0, RUNNING: 0, COMPLETED: 0, FAILED: 0 };
  for (const r of runs) counts[r.state]++;
  return counts;
}
