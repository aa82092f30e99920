import type { PipelineSource } from './pipeline-source';

/** Trades per exchange, symbol and minute: `exchange|symbol|window start (Unix s)` -> count. */
export type MinuteCounts = Map<string, number>;

export interface MinuteCountsWindow {
  /** Unix ms; minutes starting at or after this are read. */
  fromMs: number;
  /** Unix ms; minutes ending at or before this are read. */
  toMs: number;
}

/**
 * Reads, for the whole minutes inside the window, silver's trades (FINAL: each trade once) and
 * gold's `trade_count` per exchange, symbol and minute, so that gold can be checked against the
 * layer it is built from.
 */
export async function readMinuteTradeCounts(source: PipelineSource, window: MinuteCountsWindow): Promise<{ silver: MinuteCounts; gold: MinuteCounts; minutes: number }> {
  const fromS = Math.ceil(window.fromMs / 60_000) * 60;
  const toS = Math.floor(window.toMs / 60_000) * 60 - 60;
  if (toS < fromS) return { silver: new Map(), gold: new Map(), minutes: 0 };
  const db = source.manifest.clickhouse.database;
  const gold = source.table(source.manifest.clickhouse.goldTable, 'goldTable');
  const goldRead = gold.endsWith('_final') ? gold : `${db}.${source.manifest.clickhouse.goldTable}_final`;
  const id = source.tradeIdColumn('silver');
  const [silverRows, goldRows] = await Promise.all([
    source.rows<{ exchange: string; symbol: string; m: string; n: string }>(`
      SELECT exchange, symbol, toUInt32(toStartOfMinute(timestamp)) AS m, uniqExact(${id}) AS n
      FROM ${source.silverTable()} FINAL
      WHERE timestamp >= toDateTime(${fromS}) AND timestamp < toDateTime(${toS + 60})
      GROUP BY exchange, symbol, m`),
    source.rows<{ exchange: string; symbol: string; m: string; n: string }>(`
      SELECT exchange, symbol, toUInt32(window_start) AS m, trade_count AS n
      FROM ${goldRead}
      WHERE window_start >= toDateTime(${fromS}) AND window_start <= toDateTime(${toS})`),
  ]);
  const toMap = (rows: Array<{ exchange: string; symbol: string; m: string; n: string }>) =>
    new Map(rows.map((r) => [`${r.exchange}|${r.symbol}|${r.m}`, Number(r.n)]));
  return { silver: toMap(silverRows), gold: toMap(goldRows), minutes: (toS - fromS) / 60 + 1 };
}
