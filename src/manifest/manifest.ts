import type { Exchange } from '../stack/names';

/**
 * The names of one concrete stack, by role. Specs, faults and probes never hard-code a name:
 * they read it from here, and preflight checks each one against the live stack first.
 */
export interface StackManifest {
  /** Manifest name, shown in reports (`reference`, `k2-v2`). */
  name: string;
  /** Compose project name (compose target); ignored by the embedded target. */
  project?: string;
  /** Service (compose service or embedded process) per role. */
  services: {
    broker: string;
    olap: string;
    objectStore: string;
    catalogDb: string;
    offload: string;
    feedHandlers: Record<Exchange, string>;
    /** Exchange simulators; absent when the stack reads live exchanges. */
    exchanges?: Record<Exchange, string>;
  };
  /** The network the services share (compose network, embedded bridge). */
  network: string;
  kafka: {
    rawTopics: Record<Exchange, string>;
    dlqTopics?: Record<Exchange, string>;
    /** ClickHouse Kafka-engine consumer group per exchange. */
    consumerGroups: Record<Exchange, string>;
  };
  clickhouse: {
    database: string;
    bronzeTables: Record<Exchange, string>;
    silverTable: string;
    goldTable: string;
    /** Column of the exchange trade id in bronze and silver (the ledger counts by it). */
    tradeIdColumn: { bronze: string; silver: string };
  };
  watermarks: {
    table: string;
    columns: {
      tableName: string;
      timestamp: string;
      maxSequence: string;
      rowCount: string;
      status: string;
      lastSuccessfulRun: string;
      failureCount: string;
      lastError: string;
      updatedAt: string;
    };
  };
  objectStore: { bucket: string };
  /** Environment variable names holding credentials (never the secrets themselves). */
  credentials: {
    clickhouseUser: string;
    clickhousePassword: string;
    postgresUser: string;
    postgresPassword: string;
    postgresDatabase: string;
    s3AccessKey: string;
    s3SecretKey: string;
  };
}
