import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { applyPostgresSchema } from '../../../stack/postgres/schema';
import type { StackEndpoints } from '../../../src/targets/endpoints';
import { startPrivateClickHouse, type PrivateClickHouse } from '../../support/private-clickhouse';
import { startPostgres, type PostgresInstance } from './postgres-instance';
import { startCli, type CliProcess } from './cli-process';
import { freePort } from '../../../src/targets/embedded/free-port';

export const S3_KEYS = { accessKey: 'offload-test', secretKey: 'offload-test-secret' };

/** Bronze's shape as the reference stack creates it (stack/clickhouse/bronze-ddl.ts). */
export function bronzeDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS k2.${table} (
  trade_id UInt64, symbol String, price Float64, quantity Float64, side String,
  exchange_time DateTime, exchange_time_ms UInt64, ingestion_timestamp DateTime DEFAULT now(),
  received_ts_ms UInt64, source String, raw String,
  kafka_partition Nullable(UInt32), kafka_offset Nullable(UInt64)
) ENGINE = MergeTree() PARTITION BY toYYYYMMDD(exchange_time) ORDER BY (symbol, trade_id)`;
}

/** Bronze rows with ids `[from, to)`, ingested at `ingestedSec` (unix seconds). */
export function bronzeRows(from: number, to: number, ingestedSec: number, symbol = 'BTCUSDT'): object[] {
  const rows: object[] = [];
  for (let id = from; id < to; id++) {
    const ms = ingestedSec * 1000 - 500;
    rows.push({
      trade_id: id, symbol, price: 60_000 + (id % 100) / 10, quantity: 0.001 * (1 + (id % 7)), side: id % 2 ? 'buy' : 'sell',
      exchange_time: Math.floor(ms / 1000), exchange_time_ms: ms, ingestion_timestamp: ingestedSec, received_ts_ms: ms + 3,
      source: 'test', raw: `{"t":${id},"s":"${symbol}"}`, kafka_partition: id % 3 ? id % 4 : null, kafka_offset: id,
    });
  }
  return rows;
}

/** Postgres, ClickHouse and an object store (a k2-chaos process on a fixed port so it can be restarted). */
export class OffloadHarness {
  readonly procs: CliProcess[] = [];
  objectStore?: CliProcess;
  private constructor(readonly pg: PostgresInstance, readonly ch: PrivateClickHouse, readonly dir: string, readonly s3Port: number, readonly s3HealthPort: number) {}

  static async start(tables: string[]): Promise<OffloadHarness> {
    const [pgi, ch] = await Promise.all([startPostgres(), startPrivateClickHouse()]);
    const dir = await mkdtemp(join(tmpdir(), 'k2-offload-'));
    const h = new OffloadHarness(pgi, ch, dir, await freePort('127.0.0.1'), await freePort('127.0.0.1'));
    await ch.client.command({ query: 'CREATE DATABASE IF NOT EXISTS k2' });
    for (const t of tables) await ch.client.command({ query: bronzeDdl(t) });
    const c = await pgi.client();
    await applyPostgresSchema(c);
    await c.end();
    await h.startObjectStore();
    return h;
  }

  get objectStoreEndpoint(): StackEndpoints['objectStore'] {
    return { endPoint: '127.0.0.1', port: this.s3Port, useSSL: false, ...S3_KEYS, region: 'us-east-1', bucket: 'k2-warehouse' };
  }

  async startObjectStore(): Promise<void> {
    const proc = startCli(['object-store', '--data-dir', join(this.dir, 's3'), '--listen', `127.0.0.1:${this.s3Port}`, '--http', `127.0.0.1:${this.s3HealthPort}`],
      { K2_S3_ACCESS_KEY: S3_KEYS.accessKey, K2_S3_SECRET_KEY: S3_KEYS.secretKey });
    await proc.waitFor(/listening on/);
    this.objectStore = proc;
  }

  async stopObjectStore(): Promise<void> {
    await this.objectStore?.kill('SIGKILL');
    this.objectStore = undefined;
  }

  async insertBronze(table: string, rows: object[]): Promise<void> {
    await this.ch.client.insert({ table: `k2.${table}`, values: rows, format: 'JSONEachRow' });
  }

  /** Starts an offload worker on demand only (no schedule), lag 1 s. */
  async startOffload(tables: string[], extra: string[] = []): Promise<{ proc: CliProcess; url: string }> {
    const proc = startCli(['offload', '--http', '127.0.0.1:0', '--clickhouse', this.ch.url, '--postgres', `127.0.0.1:${this.pg.port}`,
      '--s3-endpoint', `http://127.0.0.1:${this.s3Port}`, '--tables', tables.join(','), '--interval-seconds', '0', '--lag-seconds', '1',
      '--timeout-seconds', '5', ...extra], this.offloadEnv());
    this.procs.push(proc);
    const match = await proc.waitFor(/http (http:\/\/\S+)/);
    return { proc, url: match[1]! };
  }

  offloadEnv(): Record<string, string> {
    return { K2_POSTGRES_USER: 'k2', K2_POSTGRES_PASSWORD: '', K2_POSTGRES_DB: 'postgres', K2_S3_ACCESS_KEY: S3_KEYS.accessKey, K2_S3_SECRET_KEY: S3_KEYS.secretKey, K2_CLICKHOUSE_USER: 'default', K2_CLICKHOUSE_PASSWORD: '' };
  }

  async maintenance(tables: string[], extra: string[] = []): Promise<{ code: number | string; output: string }> {
    const proc = startCli(['offload', '--maintenance', '--clickhouse', this.ch.url, '--postgres', `127.0.0.1:${this.pg.port}`,
      '--s3-endpoint', `http://127.0.0.1:${this.s3Port}`, '--tables', tables.join(','), ...extra], this.offloadEnv());
    const code = await proc.exited;
    return { code, output: proc.output() };
  }

  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const c = await this.pg.client();
    try {
      return (await c.query<T>(sql, params)).rows;
    } finally {
      await c.end();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.procs.splice(0).map((p) => p.kill('SIGKILL')));
    await this.stopObjectStore();
    await Promise.all([this.pg.stop(), this.ch.stop()]);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Waits until a window cut now (lag `lagSec`) includes rows ingested at `ingestedSec`: the window
 * ends at the last whole second that ended at least the lag ago.
 */
export async function untilOffloadable(ingestedSec: number, lagSec = 1): Promise<void> {
  const readyMs = (ingestedSec + 2 + lagSec) * 1000 + 50;
  await new Promise((r) => setTimeout(r, Math.max(0, readyMs - Date.now())));
}

/** POST /runs on a worker; with `wait`, resolves with the runs of the cycle. */
export async function triggerRuns(url: string, body: Record<string, unknown> = {}): Promise<{ status: number; json: { cycle: number; runs?: Array<{ id: string; table: string; state: string; rows: number; files: number; error?: string; recovered: string[] }> } }> {
  const res = await fetch(`${url}/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() as never };
}

export async function workerStatus(url: string): Promise<{ state: string; phase: string; held: boolean; failing: boolean; currentRun: { id: string; table: string } | null }> {
  return (await fetch(`${url}/status`)).json() as never;
}
