import type { Exchange } from '../../src/stack/names';
import { CANONICAL_SYMBOL_SQL } from './raw-messages';
import { sqlString } from './sql-text';
import type { SchemaNames } from './schema-names';

/** Falls as the ingestion time grows, so the merge's highest version is the first copy. */
const FIRST_COPY_RANK_SQL = 'toUInt32(4294967295 - toUInt32(ingestion_timestamp))';

/**
 * Silver: every exchange's trades in one table. Bronze is at-least-once (a Kafka consumer that
 * restarts between writing a block and committing its offsets reads the block again), so silver
 * is a ReplacingMergeTree keyed by (exchange, symbol, trade id): a redelivered trade lands in the
 * same partition (same trade time) and collapses on merge, and readers that need each trade once
 * before the merge use FINAL. The merge keeps the first copy (the highest `first_copy_rank`, which
 * falls as the ingestion time grows): the offload has already written that one to Iceberg and skips
 * the later copies, so a merge must not leave only a copy the offload never wrote.
 *
 * @param dedupeByIngestionTime seeded defect `silver-dedupe-key-with-ingestion-time`: the sort key
 *   (which is the dedupe key) also holds the ingestion time, so a redelivered trade, ingested
 *   later, never collapses with its first copy.
 */
export function silverTableDdl(names: SchemaNames, dedupeByIngestionTime = false): string {
  return `CREATE TABLE IF NOT EXISTS ${names.database}.${names.silverTable} (
  ${names.silverTradeId} UInt64,
  exchange String,
  symbol String,
  canonical_symbol String,
  price Float64,
  quantity Float64,
  quote_volume Float64,
  side String,
  timestamp DateTime,
  timestamp_ms UInt64,
  ingestion_timestamp DateTime,
  kafka_partition Nullable(UInt32),
  kafka_offset Nullable(UInt64),
  first_copy_rank UInt32 DEFAULT ${FIRST_COPY_RANK_SQL}
) ENGINE = ReplacingMergeTree(first_copy_rank)
PARTITION BY toYYYYMMDD(timestamp)
ORDER BY (exchange, symbol, ${names.silverTradeId}${dedupeByIngestionTime ? ', ingestion_timestamp' : ''})`;
}

/**
 * Bronze -> silver for one exchange: names the exchange and normalises the symbol. With
 * `legacyChaining` (ClickHouse 18.16) it reads from the bronze view, not the bronze table: there a
 * view's insert into its TO table does not fire the table's own views, only views over the view.
 */
export function silverViewDdl(names: SchemaNames, exchange: Exchange, legacyChaining: boolean): string {
  const source = legacyChaining ? names.bronzeViews[exchange] : names.bronzeTables[exchange];
  return `CREATE MATERIALIZED VIEW IF NOT EXISTS ${names.database}.${names.silverViews[exchange]}
TO ${names.database}.${names.silverTable} AS SELECT
  ${names.bronzeTradeId} AS ${names.silverTradeId},
  ${sqlString(exchange)} AS exchange,
  symbol,
  ${CANONICAL_SYMBOL_SQL[exchange]} AS canonical_symbol,
  price,
  quantity,
  price * quantity AS quote_volume,
  side,
  exchange_time AS timestamp,
  exchange_time_ms AS timestamp_ms,
  ingestion_timestamp,
  kafka_partition,
  kafka_offset,
  ${FIRST_COPY_RANK_SQL} AS first_copy_rank
FROM ${names.database}.${source}`;
}
