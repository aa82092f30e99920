import type { StackManifest } from './manifest';

/** Our reference stack: the same names on the embedded target and in docker-compose.v2.yml. */
export const REFERENCE_MANIFEST: StackManifest = {
  name: 'reference',
  project: 'k2-chaos',
  services: {
    broker: 'broker',
    olap: 'clickhouse',
    objectStore: 'object-store',
    catalogDb: 'postgres',
    offload: 'offload',
    feedHandlers: { binance: 'feed-handler-binance', kraken: 'feed-handler-kraken', coinbase: 'feed-handler-coinbase' },
    exchanges: { binance: 'exchange-binance', kraken: 'exchange-kraken', coinbase: 'exchange-coinbase' },
  },
  network: 'k2-net',
  kafka: {
    rawTopics: {
      binance: 'market.crypto.trades.binance.raw',
      kraken: 'market.crypto.trades.kraken.raw',
      coinbase: 'market.crypto.trades.coinbase.raw',
    },
    dlqTopics: {
      binance: 'market.crypto.trades.binance.dlq',
      kraken: 'market.crypto.trades.kraken.dlq',
      coinbase: 'market.crypto.trades.coinbase.dlq',
    },
    consumerGroups: { binance: 'clickhouse_bronze_binance', kraken: 'clickhouse_bronze_kraken', coinbase: 'clickhouse_bronze_coinbase' },
  },
  clickhouse: {
    database: 'k2',
    bronzeTables: { binance: 'bronze_trades_binance', kraken: 'bronze_trades_kraken', coinbase: 'bronze_trades_coinbase' },
    silverTable: 'silver_trades',
    goldTable: 'ohlcv_1m',
    tradeIdColumn: { bronze: 'trade_id', silver: 'trade_id' },
  },
  watermarks: {
    table: 'offload_watermarks',
    columns: {
      tableName: 'table_name',
      timestamp: 'last_offload_timestamp',
      maxSequence: 'last_offload_max_sequence',
      rowCount: 'last_offload_row_count',
      status: 'status',
      lastSuccessfulRun: 'last_successful_run',
      failureCount: 'failure_count',
      lastError: 'last_error_message',
      updatedAt: 'updated_at',
    },
  },
  objectStore: { bucket: 'k2-warehouse' },
  credentials: {
    clickhouseUser: 'K2_CLICKHOUSE_USER',
    clickhousePassword: 'K2_CLICKHOUSE_PASSWORD',
    postgresUser: 'K2_POSTGRES_USER',
    postgresPassword: 'K2_POSTGRES_PASSWORD',
    postgresDatabase: 'K2_POSTGRES_DB',
    s3AccessKey: 'K2_S3_ACCESS_KEY',
    s3SecretKey: 'K2_S3_SECRET_KEY',
  },
};
