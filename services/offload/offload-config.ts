import type { ClickHouseConnection, UniqueKey } from './source/clickhouse-source';
import type { ObjectStoreConnection } from './warehouse-store';
import type { TestDefect } from '../shared/test-defects';

export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Everything one offload worker needs; built from flags and environment by `parseOffloadConfig`. */
export interface OffloadConfig {
  clickhouse: ClickHouseConnection;
  postgres: PostgresConnection;
  objectStore: ObjectStoreConnection;
  /** ClickHouse tables to offload; each gets a watermark row and an Iceberg table of the same name. */
  tables: string[];
  /** Iceberg JDBC catalog name and namespace (K2: `cold.bronze_trades_binance`). */
  catalog: string;
  namespace: string;
  /** 0: no schedule, on-demand runs only. */
  intervalMs: number;
  /** A window ends this long before now, so rows still being inserted are left for the next run. */
  lagMs: number;
  timeColumn: string;
  /** Tables whose rows have an identity and may be delivered twice: each key reaches Iceberg once. */
  uniqueKeys: Record<string, UniqueKey>;
  /** Column recorded as `last_offload_max_sequence` (the exchange trade id). */
  sequenceColumn: string;
  /** Rows per Parquet data file. */
  fileRows: number;
  /** Deadline of each call to ClickHouse, Postgres or the object store. */
  callTimeoutMs: number;
  /** How long a run held at a breakpoint waits for release before it continues on its own. */
  holdTimeoutMs: number;
  /** Test-only seeded defects (`K2_TEST_DEFECTS`); empty in production. */
  testDefects: ReadonlySet<TestDefect>;
}

export const DEFAULT_TABLES = ['bronze_trades_binance', 'bronze_trades_kraken', 'bronze_trades_coinbase', 'silver_trades'];
/** Silver keeps each trade once (bronze keeps every delivery, by design). */
export const DEFAULT_UNIQUE_KEYS = 'silver_trades=exchange,symbol,trade_id';
export const DEFAULT_EVENT_TIME_COLUMN = 'timestamp';
export const DEFAULT_INTERVAL_MS = 15 * 60_000;
export const DEFAULT_LAG_MS = 5 * 60_000;

/** `s3://bucket/<namespace>/<table>`: where the JDBC catalog's default warehouse layout puts a table. */
export function tableLocation(config: OffloadConfig, table: string): string {
  return `s3://${config.objectStore.bucket}/${config.namespace}/${table}`;
}
