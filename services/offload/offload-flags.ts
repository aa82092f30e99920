import { UsageError } from '../../src/cli/command';
import { selectedTestDefects } from '../shared/test-defects';
import { parseHostPort, requireFlag } from '../../src/cli/flags';
import { DEFAULT_EVENT_TIME_COLUMN, DEFAULT_INTERVAL_MS, DEFAULT_LAG_MS, DEFAULT_TABLES, DEFAULT_UNIQUE_KEYS, type OffloadConfig } from './offload-config';
import type { UniqueKey } from './source/clickhouse-source';

export const OFFLOAD_OPTIONS = {
  http: { type: 'string' },
  clickhouse: { type: 'string' },
  'clickhouse-database': { type: 'string', default: 'k2' },
  postgres: { type: 'string' },
  's3-endpoint': { type: 'string' },
  bucket: { type: 'string', default: 'k2-warehouse' },
  region: { type: 'string', default: 'us-east-1' },
  tables: { type: 'string' },
  catalog: { type: 'string', default: 'k2' },
  namespace: { type: 'string', default: 'cold' },
  'interval-seconds': { type: 'string' },
  'lag-seconds': { type: 'string' },
  'time-column': { type: 'string', default: 'ingestion_timestamp' },
  'sequence-column': { type: 'string', default: 'trade_id' },
  'unique-keys': { type: 'string', default: DEFAULT_UNIQUE_KEYS },
  'event-time-column': { type: 'string', default: DEFAULT_EVENT_TIME_COLUMN },
  'file-rows': { type: 'string', default: '500000' },
  'timeout-seconds': { type: 'string', default: '30' },
  'hold-timeout-seconds': { type: 'string', default: '300' },
  maintenance: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  'min-age-seconds': { type: 'string', default: '0' },
} as const;

type Values = { [K in keyof typeof OFFLOAD_OPTIONS]?: (typeof OFFLOAD_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function seconds(value: string | undefined, flag: string, fallbackMs: number, allowZero = true): number {
  if (value === undefined) return fallbackMs;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new UsageError(`${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number of seconds, got "${value}"`);
  return Math.round(n * 1000);
}

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new UsageError(`environment variable ${name} is required`);
  return value;
}

const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `table=col,col;table=col`: the tables whose rows each reach Iceberg once, by those columns.
 * Only tables being offloaded may be named; an empty text names none.
 */
export function parseUniqueKeys(text: string, tables: string[], eventTimeColumn: string): Record<string, UniqueKey> {
  const keys: Record<string, UniqueKey> = {};
  for (const entry of text.split(';').map((e) => e.trim()).filter(Boolean)) {
    const match = /^([^=]+)=(.+)$/.exec(entry);
    const columns = match?.[2]!.split(',').map((c) => c.trim()) ?? [];
    if (!match || columns.some((c) => !COLUMN.test(c))) throw new UsageError(`--unique-keys: "${entry}" is not table=column,column`);
    const table = match[1]!.trim();
    // The default names silver; it applies only when silver is offloaded.
    if (!tables.includes(table)) {
      if (text === DEFAULT_UNIQUE_KEYS) continue;
      throw new UsageError(`--unique-keys names "${table}", which is not in --tables (${tables.join(', ')})`);
    }
    keys[table] = { columns, eventTimeColumn };
  }
  return keys;
}

/** Flags and environment (credentials only, as the manifest names them) -> worker configuration. */
export function offloadConfigFrom(values: Values): OffloadConfig {
  const clickhouseUrl = requireFlag(values.clickhouse ?? process.env.K2_CLICKHOUSE_URL, '--clickhouse (or K2_CLICKHOUSE_URL)');
  if (!/^https?:\/\/[^/]+/.test(clickhouseUrl)) throw new UsageError(`--clickhouse must be an http(s) URL, got "${clickhouseUrl}"`);
  const pgFromEnv = process.env.K2_POSTGRES_HOST ? `${process.env.K2_POSTGRES_HOST}:${process.env.K2_POSTGRES_PORT ?? '5432'}` : undefined;
  const pgAddress = parseHostPort(requireFlag(values.postgres ?? pgFromEnv, '--postgres (or K2_POSTGRES_HOST and K2_POSTGRES_PORT)'), '--postgres');
  const s3 = requireFlag(values['s3-endpoint'] ?? process.env.K2_S3_ENDPOINT, '--s3-endpoint (or K2_S3_ENDPOINT)');
  let s3Url: URL;
  try {
    s3Url = new URL(s3);
  } catch {
    throw new UsageError(`--s3-endpoint must be a URL such as http://127.0.0.1:9000, got "${s3}"`);
  }
  const useSSL = s3Url.protocol === 'https:';
  const tables = (values.tables ?? process.env.K2_OFFLOAD_TABLES ?? DEFAULT_TABLES.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
  if (tables.length === 0) throw new UsageError('--tables must name at least one table');
  const bad = tables.find((t) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(t));
  if (bad) throw new UsageError(`--tables: "${bad}" is not a plain ClickHouse table name`);
  const fileRows = Number(values['file-rows']);
  if (!Number.isInteger(fileRows) || fileRows <= 0) throw new UsageError(`--file-rows must be a positive integer, got "${values['file-rows']}"`);
  return {
    clickhouse: { url: clickhouseUrl, username: env('K2_CLICKHOUSE_USER', 'default'), password: env('K2_CLICKHOUSE_PASSWORD', ''), database: values['clickhouse-database'] ?? 'k2' },
    postgres: { host: pgAddress.host, port: pgAddress.port, user: env('K2_POSTGRES_USER'), password: env('K2_POSTGRES_PASSWORD', ''), database: env('K2_POSTGRES_DB', 'postgres') },
    objectStore: {
      endPoint: s3Url.hostname.replace(/^\[|\]$/g, ''), port: Number(s3Url.port || (useSSL ? 443 : 80)), useSSL,
      accessKey: env('K2_S3_ACCESS_KEY'), secretKey: env('K2_S3_SECRET_KEY'), region: values.region ?? 'us-east-1', bucket: values.bucket ?? 'k2-warehouse',
    },
    tables,
    catalog: values.catalog ?? 'k2',
    namespace: values.namespace ?? 'cold',
    intervalMs: seconds(values['interval-seconds'] ?? process.env.K2_OFFLOAD_INTERVAL_SECONDS, '--interval-seconds', DEFAULT_INTERVAL_MS),
    lagMs: seconds(values['lag-seconds'] ?? process.env.K2_OFFLOAD_LAG_SECONDS, '--lag-seconds', DEFAULT_LAG_MS),
    timeColumn: values['time-column'] ?? 'ingestion_timestamp',
    sequenceColumn: values['sequence-column'] ?? 'trade_id',
    uniqueKeys: parseUniqueKeys(values['unique-keys'] ?? DEFAULT_UNIQUE_KEYS, tables, eventTimeColumn(values['event-time-column'])),
    fileRows,
    callTimeoutMs: seconds(values['timeout-seconds'], '--timeout-seconds', 30_000, false),
    holdTimeoutMs: seconds(values['hold-timeout-seconds'], '--hold-timeout-seconds', 300_000, false),
    testDefects: selectedTestDefects(),
  };
}

function eventTimeColumn(value: string | undefined): string {
  const column = value ?? DEFAULT_EVENT_TIME_COLUMN;
  if (!COLUMN.test(column)) throw new UsageError(`--event-time-column must be a plain column name, got "${column}"`);
  return column;
}
