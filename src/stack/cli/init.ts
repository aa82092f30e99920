import { createClient } from '@clickhouse/client';
import { Client as MinioClient } from 'minio';
import pg from 'pg';
import type { CliCommand } from '../../cli/command';
import { UsageError } from '../../cli/command';
import { parseFlags, parseHostPort, positiveInt, requireFlag } from '../../cli/flags';
import { loadManifest } from '../../manifest/load-manifest';
import { ManifestError } from '../../manifest/validate-manifest';
import type { StackManifest } from '../../manifest/manifest';
import { applyClickHouseSchema } from '../../../stack/clickhouse/schema';
import { createStackTopics } from '../../../stack/kafka/topics';
import { applyPostgresSchema } from '../../../stack/postgres/schema';
import { selectedTestDefects } from '../../../services/shared/test-defects';

const USAGE = `Usage: k2-chaos init <topics|clickhouse|postgres|bucket> [options]

Creates what one part of a stack needs, leaving what exists alone (safe at every start): the
one-shot services of docker-compose.local.yml run it. Names come from the manifest.

  topics       the raw and DLQ topics               --brokers HOST:PORT [--partitions N]
  clickhouse   bronze, silver, gold and the Kafka   --clickhouse URL --brokers HOST:PORT
               tables, in the server's dialect      [--kafka-block-rows N]
               (18.16 or 24.x)
  postgres     the watermark table                  --postgres HOST:PORT
  bucket       the warehouse bucket                 --s3-endpoint URL

  --manifest NAME|PATH   default: env K2_MANIFEST, else reference
  --brokers HOST:PORT    the broker as ClickHouse's Kafka tables and this command reach it
  --partitions N         partitions of each created topic (default 6)
  --kafka-block-rows N   ClickHouse 18.16 Kafka block (default 60: one second of 3 symbols at 20/s,
                         the embedded stack's rule)

Credentials from the environment: K2_CLICKHOUSE_USER, K2_CLICKHOUSE_PASSWORD, K2_POSTGRES_USER,
K2_POSTGRES_PASSWORD, K2_POSTGRES_DB, K2_S3_ACCESS_KEY, K2_S3_SECRET_KEY.`;

/**
 * One second of the compose stack's trades per exchange (3 symbols at 20/s). Each block is one
 * insert through bronze, silver and gold, so while a backlog drains the block size sets the pace:
 * half a second's blocks (30) left ClickHouse unable to drain a long broker outage's backlog when
 * the machine was busy (its lag hovered near a minute for 3 min).
 */
const DEFAULT_KAFKA_BLOCK_ROWS = 60;

const FLAGS = {
  manifest: { type: 'string' },
  brokers: { type: 'string' },
  partitions: { type: 'string' },
  clickhouse: { type: 'string' },
  'kafka-block-rows': { type: 'string' },
  postgres: { type: 'string' },
  's3-endpoint': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new UsageError(`environment variable ${name} is required`);
  return value;
}

const brokerList = (values: Values): string[] => {
  const brokers = requireFlag(values.brokers, '--brokers').split(',');
  for (const broker of brokers) parseHostPort(broker, '--brokers');
  return brokers;
};

const PARTS: Record<string, (values: Values, manifest: StackManifest) => Promise<string>> = {
  async topics(values, manifest) {
    const created = await createStackTopics(brokerList(values), manifest, positiveInt(values.partitions, '--partitions', 6));
    return created.length ? `created ${created.join(', ')}` : 'every topic exists';
  },
  async clickhouse(values, manifest) {
    const url = requireFlag(values.clickhouse, '--clickhouse');
    const client = createClient({ url, username: env('K2_CLICKHOUSE_USER'), password: process.env.K2_CLICKHOUSE_PASSWORD ?? '', request_timeout: 60_000 });
    try {
      await applyClickHouseSchema(client, { brokers: brokerList(values), manifest, kafkaMaxBlockSize: positiveInt(values['kafka-block-rows'], '--kafka-block-rows', DEFAULT_KAFKA_BLOCK_ROWS), testDefects: selectedTestDefects() });
      return `schema applied on ${url}`;
    } finally {
      await client.close();
    }
  },
  async postgres(values) {
    const { host, port } = parseHostPort(requireFlag(values.postgres, '--postgres'), '--postgres');
    const client = new pg.Client({ host, port, user: env('K2_POSTGRES_USER'), password: env('K2_POSTGRES_PASSWORD'), database: env('K2_POSTGRES_DB') });
    await client.connect();
    try {
      await applyPostgresSchema(client);
      return `schema applied on ${host}:${port}`;
    } finally {
      await client.end();
    }
  },
  async bucket(values, manifest) {
    const url = new URL(requireFlag(values['s3-endpoint'], '--s3-endpoint'));
    const client = new MinioClient({
      endPoint: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), useSSL: url.protocol === 'https:',
      accessKey: env('K2_S3_ACCESS_KEY'), secretKey: env('K2_S3_SECRET_KEY'), region: 'us-east-1', pathStyle: true,
    });
    const { bucket } = manifest.objectStore;
    if (await client.bucketExists(bucket)) return `bucket ${bucket} exists`;
    await client.makeBucket(bucket, 'us-east-1');
    return `created bucket ${bucket}`;
  },
};

export const command: CliCommand = {
  summary: 'create a stack part\'s topics, schema or bucket (idempotent; compose one-shots)',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, FLAGS);
    const [part, extra] = positionals;
    if (!part) throw new UsageError(`name what to create: ${Object.keys(PARTS).join(', ')}`);
    const create = PARTS[part];
    if (!create) throw new UsageError(`unknown part "${part}"; one of ${Object.keys(PARTS).join(', ')}`);
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    const manifest = await loadManifest(values.manifest || undefined).catch((error: unknown) => {
      throw error instanceof ManifestError ? new UsageError(error.message) : error;
    });
    console.log(`k2-chaos init ${part}: ${await create(values, manifest)}`);
    return 0;
  },
};
