import type pg from 'pg';

/** The watermark of one table: every row with time <= `timestampSec` is committed to Iceberg. */
export interface Watermark {
  tableName: string;
  timestampSec: number;
  maxSequence: bigint;
}

/** Creates the table's watermark at the epoch (everything still to offload) if it has none. */
export async function ensureWatermark(client: pg.ClientBase, table: string): Promise<void> {
  await client.query(
    `INSERT INTO offload_watermarks (table_name, last_offload_timestamp, status) VALUES ($1, to_timestamp(0), 'initialized')
     ON CONFLICT (table_name) DO NOTHING`, [table]);
}

export async function readWatermark(client: pg.ClientBase, table: string): Promise<Watermark> {
  const { rows } = await client.query<{ ts: string; seq: string }>(
    `SELECT extract(epoch FROM last_offload_timestamp)::bigint::text AS ts, last_offload_max_sequence::text AS seq
       FROM offload_watermarks WHERE table_name = $1`, [table]);
  const row = rows[0];
  if (!row) throw new Error(`offload_watermarks has no row for ${table}`);
  return { tableName: table, timestampSec: Number(row.ts), maxSequence: BigInt(row.seq) };
}

export interface WatermarkAdvance {
  table: string;
  /** The watermark the run started from; the update applies only if it is still current. */
  fromSec: number;
  toSec: number;
  maxSequence: bigint;
  rowCount: number;
  durationSec: number;
}

/**
 * Moves the watermark inside the caller's transaction. Returns false when it is no longer at
 * `fromSec` (another run moved it), in which case the caller must roll back.
 */
export async function advanceWatermark(client: pg.ClientBase, a: WatermarkAdvance): Promise<boolean> {
  const result = await client.query(
    `UPDATE offload_watermarks
        SET last_offload_timestamp = to_timestamp($3), last_offload_max_sequence = GREATEST(last_offload_max_sequence, $4::bigint),
            last_offload_row_count = $5, status = 'success', last_successful_run = now(), last_run_duration_seconds = $6,
            failure_count = 0, last_error_message = NULL, updated_at = now()
      WHERE table_name = $1 AND last_offload_timestamp = to_timestamp($2)`,
    [a.table, a.fromSec, a.toSec, a.maxSequence.toString(), a.rowCount, Math.round(a.durationSec)]);
  return result.rowCount === 1;
}

/** Marks the table failing (K2's status columns) without touching its position. */
export async function recordWatermarkFailure(client: pg.ClientBase, table: string, error: string): Promise<void> {
  await client.query(
    `UPDATE offload_watermarks SET status = 'failed', failure_count = failure_count + 1, last_error_message = $2, updated_at = now()
      WHERE table_name = $1`, [table, error.slice(0, 2000)]);
}

/** Marks the table as being offloaded (K2's `running` status); the position stays. */
export async function recordWatermarkRunning(client: pg.ClientBase, table: string): Promise<void> {
  await client.query(`UPDATE offload_watermarks SET status = 'running', updated_at = now() WHERE table_name = $1`, [table]);
}
