import type { PostgresQueries } from './postgres-queries';
import type { StackManifest } from '../../manifest/manifest';

/** One row of the watermark table, read through the manifest's column names. */
export interface WatermarkRow {
  tableName: string;
  /** Unix ms of `last_offload_timestamp`. */
  timestampMs: number;
  /** As text: a BIGINT may exceed 2^53. */
  maxSequence: string;
  rowCount: number;
  status: string;
  lastSuccessfulRunMs: number | null;
  failureCount: number;
  lastError: string | null;
  updatedAtMs: number | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Reads every watermark row (read-only). Column and table names come from the manifest. */
export async function readWatermarks(client: PostgresQueries, manifest: StackManifest): Promise<WatermarkRow[]> {
  const c = manifest.watermarks.columns;
  const ms = (col: string) => `(extract(epoch FROM ${quote(col)}) * 1000)::float8`;
  const { rows } = await client.query<Record<string, string | number | null>>(
    `SELECT ${quote(c.tableName)}::text AS table_name, ${ms(c.timestamp)} AS ts, ${quote(c.maxSequence)}::text AS seq,
            ${quote(c.rowCount)}::float8 AS row_count, ${quote(c.status)}::text AS status, ${ms(c.lastSuccessfulRun)} AS last_ok,
            ${quote(c.failureCount)}::float8 AS failures, ${quote(c.lastError)}::text AS last_error, ${ms(c.updatedAt)} AS updated
       FROM ${quote(manifest.watermarks.table)} ORDER BY 1`);
  return rows.map((r) => ({
    tableName: String(r.table_name),
    timestampMs: Number(r.ts),
    maxSequence: String(r.seq ?? '0'),
    rowCount: Number(r.row_count ?? 0),
    status: String(r.status ?? ''),
    lastSuccessfulRunMs: r.last_ok === null ? null : Number(r.last_ok),
    failureCount: Number(r.failures ?? 0),
    lastError: r.last_error === null ? null : String(r.last_error),
    updatedAtMs: r.updated === null ? null : Number(r.updated),
  }));
}

/** The watermark of one table, or undefined when it has none yet. */
export async function readWatermark(client: PostgresQueries, manifest: StackManifest, table: string): Promise<WatermarkRow | undefined> {
  return (await readWatermarks(client, manifest)).find((w) => w.tableName === table);
}
