import { EXCHANGES } from '../../src/stack/names';
import type { SchemaNames } from './schema-names';

/**
 * Gold: one-minute OHLCV per exchange and symbol. The MV sees silver's inserts before the
 * ReplacingMergeTree collapses redelivered trades, so every aggregate is one that a duplicate
 * cannot change: open/close by (trade time, trade id), high/low, the distinct trade ids, and the
 * volume as the set of (trade id, quantity) pairs summed when read. AggregatingMergeTree with
 * these functions behaves the same on ClickHouse 18.16 and 24.x.
 */
export function goldTableDdl(names: SchemaNames): string {
  return `CREATE TABLE IF NOT EXISTS ${names.database}.${names.goldTable} (
  exchange String,
  symbol String,
  canonical_symbol String,
  window_start DateTime,
  open AggregateFunction(argMin, Float64, Tuple(UInt64, UInt64)),
  high AggregateFunction(max, Float64),
  low AggregateFunction(min, Float64),
  close AggregateFunction(argMax, Float64, Tuple(UInt64, UInt64)),
  volume AggregateFunction(groupUniqArray, Tuple(UInt64, Float64)),
  trade_count AggregateFunction(uniqExact, UInt64)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(window_start)
ORDER BY (exchange, symbol, window_start)`;
}

/**
 * Silver -> gold: one view over the silver table, or with `legacyChaining` (ClickHouse 18.16) one
 * per exchange over that exchange's silver view (see silverViewDdl).
 */
/**
 * @param minuteOf the column a trade's minute is taken from: `timestamp` (trade time). The seeded
 *   defect `gold-minutes-by-ingestion-time` passes `ingestion_timestamp`, a bug that moves the
 *   trades near each minute's edge into the next minute.
 */
export function goldViewDdls(names: SchemaNames, legacyChaining: boolean, minuteOf: 'timestamp' | 'ingestion_timestamp' = 'timestamp'): string[] {
  if (!legacyChaining) return [goldViewDdl(names, names.goldView, names.silverTable, minuteOf)];
  return EXCHANGES.map((e) => goldViewDdl(names, names.goldViews[e], names.silverViews[e], minuteOf));
}

function goldViewDdl(names: SchemaNames, view: string, source: string, minuteOf: string): string {
  const id = names.silverTradeId;
  return `CREATE MATERIALIZED VIEW IF NOT EXISTS ${names.database}.${view}
TO ${names.database}.${names.goldTable} AS SELECT
  exchange,
  symbol,
  canonical_symbol,
  toStartOfMinute(${minuteOf}) AS window_start,
  argMinState(price, (timestamp_ms, ${id})) AS open,
  maxState(price) AS high,
  minState(price) AS low,
  argMaxState(price, (timestamp_ms, ${id})) AS close,
  groupUniqArrayState((${id}, quantity)) AS volume,
  uniqExactState(${id}) AS trade_count
FROM ${names.database}.${source}
GROUP BY exchange, symbol, canonical_symbol, window_start`;
}

/** Gold with the states merged into plain numbers: what dashboards and probes read. */
export function goldReadViewDdl(names: SchemaNames): string {
  return `CREATE VIEW IF NOT EXISTS ${names.database}.${names.goldReadView} AS SELECT
  exchange, symbol, canonical_symbol, window_start,
  o AS open, h AS high, l AS low, c AS close,
  arraySum(arrayMap(t -> tupleElement(t, 2), v)) AS volume,
  n AS trade_count
FROM (
  SELECT exchange, symbol, any(canonical_symbol) AS canonical_symbol, window_start,
    argMinMerge(open) AS o, maxMerge(high) AS h, minMerge(low) AS l, argMaxMerge(close) AS c,
    groupUniqArrayMerge(volume) AS v, uniqExactMerge(trade_count) AS n
  FROM ${names.database}.${names.goldTable}
  GROUP BY exchange, symbol, window_start
)`;
}
