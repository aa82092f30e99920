import type { Exchange } from '../stack/names';

/** The groups of names preflight checks, in the order it checks them. */
export type PreflightCheckName = 'services' | 'network' | 'clickhouse' | 'topics' | 'watermarks' | 'bucket';

/**
 * Container ports the test process needs, per role (compose target). They are reached through
 * the port published on the host, or else the container's address on the stack network. A
 * manifest without `ports` gets the reference stack's; one with `ports` gets exactly those.
 */
export interface ManifestPorts {
  /** The broker listener advertised to clients outside the network. */
  broker?: number;
  /** ClickHouse HTTP. */
  olap?: number;
  objectStore?: number;
  catalogDb?: number;
  /** Feed handlers' `/health` + `/metrics` port; absent when the handlers serve no HTTP. */
  feedHandler?: number;
  /** Exchange simulators' port, serving the WebSocket feed, REST and control API together. */
  exchange?: number;
  /** Offload worker's HTTP port; absent when the offload has no such API. */
  offload?: number;
}

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
  /** Compose target: the ports of each role's container; defaults fit the reference stack. */
  ports?: ManifestPorts;
  /**
   * Preflight groups this stack cannot pass by design, each with the reason; reported, never
   * silently dropped (e.g. a stack whose offload writes to a local folder has no bucket).
   */
  skipChecks?: Partial<Record<PreflightCheckName, string>>;
  /** Where the exchanges are when the stack reads live feeds (no simulators). */
  liveExchanges?: Record<Exchange, { wsUrl: string; restUrl: string }>;
  /**
   * Where the trade ledger learns what each exchange emitted: `simulator` (its control API) or
   * `observer` (k2-chaos's own subscription to the public feeds, gaps filled through REST).
   * `K2_GROUND_TRUTH` overrides it; default `simulator`.
   */
  groundTruth?: 'simulator' | 'observer';
  /**
   * The symbols the stack's feed handlers subscribe to, in each exchange's spelling, for the
   * observer. Absent: the simulators' symbols (`K2_SIM_SYMBOLS` of them), every one they trade.
   */
  exchangeSymbols?: Record<Exchange, string[]>;
}
