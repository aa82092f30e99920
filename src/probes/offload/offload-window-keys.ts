import type { ClickHouseClient } from '@clickhouse/client';
import type { IcebergProbe, IcebergTableRef } from './iceberg-probe';

/** A window `(startMs, endMs]` on a table's time column (watermark positions, unix ms). */
export interface KeyWindow {
  startMs: number;
  endMs: number;
}

/** The reference tables' row identity: the exchange trade id is sequential per symbol. */
export const DEFAULT_KEY_COLUMNS = ['symbol', 'trade_id'];

/**
 * Row keys (`symbol|trade_id`) ClickHouse holds in the window, one per row, duplicates kept; with
 * `final`, as the table's merge will leave them (silver: each trade once, as its first copy).
 */
export async function clickhouseWindowKeys(client: ClickHouseClient, qualifiedTable: string, window: KeyWindow,
  options: { timeColumn?: string; keyColumns?: string[]; final?: boolean } = {}): Promise<string[]> {
  const time = options.timeColumn ?? 'ingestion_timestamp';
  const keys = options.keyColumns ?? DEFAULT_KEY_COLUMNS;
  const expr = keys.map((k) => `toString(\`${k}\`)`).join(", '|', ");
  const result = await client.query({
    query: `SELECT concat(${expr}) AS k FROM ${qualifiedTable}${options.final ? ' FINAL' : ''} WHERE \`${time}\` > toDateTime(${Math.floor(window.startMs / 1000)}) AND \`${time}\` <= toDateTime(${Math.floor(window.endMs / 1000)})`,
    format: 'JSONEachRow',
  });
  return (await result.json<{ k: string }>()).map((r) => r.k);
}

/** Row keys the table's current Iceberg snapshot holds in the same window, one per row. */
export async function icebergWindowKeys(probe: IcebergProbe, ref: IcebergTableRef, window: KeyWindow,
  options: { timeColumn?: string; keyColumns?: string[] } = {}): Promise<string[]> {
  const time = options.timeColumn ?? 'ingestion_timestamp';
  const keys = options.keyColumns ?? DEFAULT_KEY_COLUMNS;
  const rows = await probe.rows(ref, [...keys, time]);
  return rows
    .filter((r) => {
      const t = toMs(r[time]);
      return t > window.startMs && t <= window.endMs;
    })
    .map((r) => keys.map((k) => String(r[k])).join('|'));
}

function toMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return Number(value / 1000n);
  return Number(value);
}
