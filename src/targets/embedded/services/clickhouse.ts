import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { StackManifest } from '../../../manifest/manifest';
import { applyClickHouseSchema } from '../../../../stack/clickhouse/schema';
import { selectedTestDefects } from '../../../../services/shared/test-defects';
import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceContext, type ServiceDefinition } from '../service-definition';
import { EMBEDDED_CREDENTIALS } from '../embedded-credentials';
import { httpHealth } from '../health-checks';
import { chownTree } from '../run-as';
import { runCommand } from '../run-command';
import { DEFAULT_SIM_RATE, simSymbolCount } from './exchange-sim';
import { envInt, envNumber } from './k2-chaos-command';

/** Debian's ClickHouse (apt `clickhouse-server`, 18.16) and the packaged config we copy. */
export const CLICKHOUSE_SERVER = '/usr/sbin/clickhouse-server';
export const CLICKHOUSE_CONFIG_DIR = '/etc/clickhouse-server';
const USER = 'clickhouse';
/** The stack's own user settings (Kafka flush interval, commit after write), merged over the packaged users.xml. */
const STACK_USERS_D = fileURLToPath(new URL('../../../../stack/clickhouse/users.d/', import.meta.url));
/** The stack's server settings (Kafka consumers start at the earliest offset), merged over config.xml. */
const STACK_CONFIG_D = fileURLToPath(new URL('../../../../stack/clickhouse/config.d/', import.meta.url));
/** The settings that make 18.16's Kafka engine write a block before committing it; left out by a seeded defect. */
const COMMIT_AFTER_WRITE = 'k2-kafka-commit-after-write.xml';
const CREDENTIALS = EMBEDDED_CREDENTIALS.clickhouse;
/** ClickHouse's own disk (see boundedDisk): large enough for an hour's campaign; sparse, so it costs what is written. */
export const DEFAULT_OLAP_DISK_MB = 16_384;
/** The packaged caches are sized for a dedicated host (8 GB, 5 GB); several stacks share this one. */
const CACHE_BYTES = 268_435_456;

/**
 * Kafka-table block size, or `K2_CH_KAFKA_BLOCK_ROWS`: one second of one exchange's trades, and
 * no more than half a second once that is past 1,000 rows. The block is the floor of the ingest
 * lag under a steady flow, and the rows per insert while a backlog drains: each block is one
 * insert through bronze, silver and gold, so at the suite's 150 trades/s, half a second's blocks
 * drained a minute's backlog at half the speed (37 s against 17 s after a long broker outage).
 * At campaign rates the half second is already large enough to amortize the insert.
 */
function kafkaBlockRows(env: Record<string, string>): number {
  const perExchangePerS = envNumber(env, 'K2_SIM_RATE', DEFAULT_SIM_RATE) * simSymbolCount(env);
  const rows = Math.min(perExchangePerS, Math.max(1_000, perExchangePerS / 2));
  return envInt(env, 'K2_CH_KAFKA_BLOCK_ROWS', Math.max(10, Math.round(rows)));
}

const etcDir = (ctx: ServiceContext): string => join(ctx.dataDir, 'etc');
const dbDir = (ctx: ServiceContext): string => join(ctx.dataDir, 'data');

/** An @clickhouse/client for the service, on its HTTP port. */
export function clickhouseClient(ctx: ServiceContext, database?: string): ClickHouseClient {
  return createClient({
    url: `http://${ctx.host}:${servicePort(ctx, 'http')}`,
    username: CREDENTIALS.user, password: CREDENTIALS.password, database, request_timeout: 30_000,
  });
}

async function copyConfig(ctx: ServiceContext): Promise<void> {
  await mkdir(etcDir(ctx), { recursive: true });
  await mkdir(join(dbDir(ctx), 'tmp'), { recursive: true });
  await copyFile(join(CLICKHOUSE_CONFIG_DIR, 'config.xml'), join(etcDir(ctx), 'config.xml'));
  const users = await readFile(join(CLICKHOUSE_CONFIG_DIR, 'users.xml'), 'utf8');
  // The first <password> element is the `default` user's; the packaged one is empty.
  const withPassword = users.replace('<password></password>', `<password>${CREDENTIALS.password}</password>`);
  if (withPassword === users) throw new Error(`${CLICKHOUSE_CONFIG_DIR}/users.xml has no empty <password> for the default user to set`);
  await writeFile(join(etcDir(ctx), 'users.xml'), withPassword);
  const leftOut = selectedTestDefects(ctx.env).has('clickhouse-commits-before-write') ? [COMMIT_AFTER_WRITE] : [];
  for (const [from, to] of [[STACK_USERS_D, 'users.d'], [STACK_CONFIG_D, 'config.d']] as const) {
    await mkdir(join(etcDir(ctx), to), { recursive: true });
    for (const file of (await readdir(from)).filter((name) => name.endsWith('.xml') && !leftOut.includes(name))) {
      await copyFile(join(from, file), join(etcDir(ctx), to, file));
    }
  }
  await chownTree(USER, ctx.dataDir);
}

/**
 * ClickHouse 18.16 from Debian, with its own config copy, data and ports; bronze/silver/gold live
 * here, with Kafka tables reading from `broker`.
 */
export function clickhouseService(name: string, manifest: StackManifest, broker: string): ServiceDefinition {
  return {
    name,
    role: 'olap',
    // Its Kafka tables are created once the broker holds the topics they read.
    dependsOn: [broker],
    user: USER,
    ports: { http: 8123, tcp: 9000, interserver: 9009 },
    // A disk of its own for its data, so that a full disk is ClickHouse's alone (failure mode 21).
    boundedDisk: { dir: 'data', bytes: (env) => envInt(env, 'K2_OLAP_DISK_MB', DEFAULT_OLAP_DISK_MB) * 1_048_576 },
    binaries: [CLICKHOUSE_SERVER, join(CLICKHOUSE_CONFIG_DIR, 'config.xml')],
    prepare: copyConfig,
    command: (ctx) => {
      const data = dbDir(ctx);
      return {
        argv: [CLICKHOUSE_SERVER, `--config-file=${join(etcDir(ctx), 'config.xml')}`, '--',
          `--path=${data}/`, `--tmp_path=${data}/tmp/`, `--user_files_path=${data}/user_files/`,
          `--format_schema_path=${data}/format_schemas/`, `--listen_host=${ctx.host}`,
          `--http_port=${servicePort(ctx, 'http')}`, `--tcp_port=${servicePort(ctx, 'tcp')}`,
          `--interserver_http_port=${servicePort(ctx, 'interserver')}`,
          // Server log to stdout, which the runtime keeps; no log files outside the run folder.
          '--logger.console=1', '--logger.log=', '--logger.errorlog=', '--logger.level=information',
          `--mark_cache_size=${CACHE_BYTES}`, `--uncompressed_cache_size=${CACHE_BYTES}`],
      };
    },
    health: httpHealth('http', '/ping'),
    version: async () => {
      const { stdout } = await runCommand('dpkg-query', ['-W', '-f=${Version}', 'clickhouse-server']);
      return `ClickHouse ${stdout.trim()}`;
    },
    afterHealthy: async (ctx) => {
      const client = clickhouseClient(ctx);
      try {
        const kafka = ctx.peer(broker);
        const brokers = [`${kafka.host}:${servicePort({ name: broker, ports: kafka.ports }, 'kafka')}`];
        await applyClickHouseSchema(client, { brokers, manifest, kafkaMaxBlockSize: kafkaBlockRows(ctx.env), testDefects: selectedTestDefects(ctx.env) });
      } finally {
        await client.close();
      }
    },
    stopSignal: 'SIGTERM',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
