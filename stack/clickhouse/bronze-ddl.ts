import type { Exchange } from '../../src/stack/names';
import { RAW_TRADE_COLUMNS } from './raw-messages';
import { sqlIdentifier, sqlString } from './sql-text';
import type { SchemaNames } from './schema-names';

/** Bronze: one MergeTree per exchange holding every delivered message, duplicates included. */
export function bronzeTableDdl(names: SchemaNames, exchange: Exchange): string {
  const t = names.bronzeTables[exchange];
  return `CREATE TABLE IF NOT EXISTS ${names.database}.${t} (
  ${names.bronzeTradeId} UInt64,
  symbol String,
  price Float64,
  quantity Float64,
  side String,
  exchange_time DateTime,
  exchange_time_ms UInt64,
  ingestion_timestamp DateTime DEFAULT now(),
  received_ts_ms UInt64,
  source String,
  raw String,
  kafka_partition Nullable(UInt32),
  kafka_offset Nullable(UInt64)
) ENGINE = MergeTree()
PARTITION BY toYYYYMMDD(exchange_time)
ORDER BY (symbol, ${names.bronzeTradeId})`;
}

function kafkaColumns(): string {
  return RAW_TRADE_COLUMNS.map(([name, type]) => `  ${sqlIdentifier(name, 'raw message field')} ${type}`).join(',\n');
}

/**
 * A Null-engine table with the Kafka table's name and columns. Where views chain through views
 * (18.16) the chain must hang off the Kafka table's name before anything consumes: the stand-in
 * takes the name while the views are created, then gives way to the Kafka table. A view's link to
 * its source is by name, so it survives the swap.
 */
export function kafkaStandInDdl(names: SchemaNames, exchange: Exchange): string {
  return `CREATE TABLE IF NOT EXISTS ${names.database}.${names.kafkaTables[exchange]} (
${kafkaColumns()}
) ENGINE = Null`;
}

/** The Kafka engine table reading one exchange's raw topic. */
export function kafkaTableDdl(names: SchemaNames, exchange: Exchange, brokers: string[], maxBlockSize?: number): string {
  return `CREATE TABLE IF NOT EXISTS ${names.database}.${names.kafkaTables[exchange]} (
${kafkaColumns()}
) ENGINE = Kafka SETTINGS
  kafka_broker_list = ${sqlString(brokers.join(','))},
  kafka_topic_list = ${sqlString(names.rawTopics[exchange])},
  kafka_group_name = ${sqlString(names.consumerGroups[exchange])},
  kafka_format = 'JSONEachRow',
  kafka_num_consumers = 1${maxBlockSize === undefined ? '' : `,\n  kafka_max_block_size = ${maxBlockSize}`}`;
}

/**
 * Kafka table -> bronze. ClickHouse 18.16 has no `_partition`/`_offset` virtual columns, so there
 * the two columns stay NULL rather than holding made-up numbers.
 */
/**
 * @param onlyLiveTrades seeded defect `bronze-keeps-only-live-trades`: a filter written for the
 *   WebSocket feed alone, which drops every trade the handler filled through REST.
 */
export function bronzeViewDdl(names: SchemaNames, exchange: Exchange, kafkaVirtualColumns: boolean, onlyLiveTrades = false): string {
  const partition = kafkaVirtualColumns ? 'toUInt32(_partition)' : 'CAST(NULL AS Nullable(UInt32))';
  const offset = kafkaVirtualColumns ? 'toUInt64(_offset)' : 'CAST(NULL AS Nullable(UInt64))';
  return `CREATE MATERIALIZED VIEW IF NOT EXISTS ${names.database}.${names.bronzeViews[exchange]}
TO ${names.database}.${names.bronzeTables[exchange]} AS SELECT
  trade_id AS ${names.bronzeTradeId},
  symbol,
  price,
  quantity,
  side,
  exchange_ts_ms AS exchange_time_ms,
  toDateTime(intDiv(exchange_ts_ms, 1000)) AS exchange_time,
  now() AS ingestion_timestamp,
  received_ts_ms,
  source,
  raw,
  ${partition} AS kafka_partition,
  ${offset} AS kafka_offset
FROM ${names.database}.${names.kafkaTables[exchange]}${onlyLiveTrades ? "\nWHERE source = 'ws'" : ''}`;
}
