import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { StackManifest } from '../../manifest/manifest';
import type { StackEndpoints } from '../../targets/endpoints';
import { sqlIdentifier } from '../../../stack/clickhouse/sql-text';
import type { Exchange } from '../../stack/names';
import type { GroundTruthReader } from './simulator-emitted';

/** A ClickHouse read gives up after this long (the probe reading's own timeout is usually shorter). */
const CLICKHOUSE_REQUEST_TIMEOUT_MS = 10_000;
const KAFKA_CONNECTION_TIMEOUT_MS = 1_000;
const KAFKA_REQUEST_TIMEOUT_MS = 3_000;

/**
 * What the pipeline probes read through: the stack's endpoints and manifest, plus clients opened
 * on first use and reused. A failed broker admin is dropped and reopened on the next read, so a
 * probe recovers with the broker instead of holding a dead connection.
 */
export class PipelineSource implements AsyncDisposable {
  private clickhouseClient?: ClickHouseClient;
  private admin?: Promise<Admin>;

  /**
   * @param groundTruth where the trade ledger learns what the exchanges emitted; the
   *   simulators' control API when absent.
   */
  constructor(readonly endpoints: StackEndpoints, readonly manifest: StackManifest, readonly groundTruth?: GroundTruthReader) {}

  get clickhouse(): ClickHouseClient {
    const c = this.endpoints.clickhouse;
    this.clickhouseClient ??= createClient({
      url: c.url, username: c.username, password: c.password, database: c.database,
      request_timeout: CLICKHOUSE_REQUEST_TIMEOUT_MS,
      // A failed read is reported by the probe reading; the client's own log would repeat it on every poll.
      log: { level: ClickHouseLogLevel.OFF },
    });
    return this.clickhouseClient;
  }

  /** Rows of a read-only query, as JSON objects (64-bit integers arrive as strings). */
  async rows<T>(query: string): Promise<T[]> {
    const result = await this.clickhouse.query({ query, format: 'JSONEachRow' });
    return (await result.json()) as T[];
  }

  /** `database.table` for a manifest table name, checked. */
  table(name: string, what: string): string {
    const ch = this.manifest.clickhouse;
    return `${sqlIdentifier(ch.database, 'manifest clickhouse.database')}.${sqlIdentifier(name, `manifest clickhouse.${what}`)}`;
  }

  bronzeTable(exchange: Exchange): string {
    return this.table(this.manifest.clickhouse.bronzeTables[exchange], `bronzeTables.${exchange}`);
  }

  /** The trade id column of bronze or silver, checked. */
  tradeIdColumn(hop: 'bronze' | 'silver'): string {
    return sqlIdentifier(this.manifest.clickhouse.tradeIdColumn[hop], `manifest clickhouse.tradeIdColumn.${hop}`);
  }

  silverTable(): string {
    return this.table(this.manifest.clickhouse.silverTable, 'silverTable');
  }

  /** Runs `use` with a connected kafkajs admin; an error drops the admin so the next call reconnects. */
  async withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
    this.admin ??= (async () => {
      const kafka = new Kafka({
        clientId: 'k2-chaos-probe', brokers: this.endpoints.brokers, logLevel: logLevel.NOTHING,
        connectionTimeout: KAFKA_CONNECTION_TIMEOUT_MS, requestTimeout: KAFKA_REQUEST_TIMEOUT_MS, retry: { retries: 1 },
      });
      const admin = kafka.admin();
      await admin.connect();
      return admin;
    })();
    const pending = this.admin;
    try {
      return await use(await pending);
    } catch (error) {
      if (this.admin === pending) this.admin = undefined;
      void pending.then((a) => a.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
    await this.clickhouseClient?.close().catch(() => undefined);
    this.clickhouseClient = undefined;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Opens a source over a started stack's endpoints and manifest; close it when done. */
export function openPipelineSource(endpoints: StackEndpoints, manifest: StackManifest, groundTruth?: GroundTruthReader): PipelineSource {
  return new PipelineSource(endpoints, manifest, groundTruth);
}
