import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceContext, type ServiceDefinition } from '../service-definition';
import { EMBEDDED_CREDENTIALS } from '../embedded-credentials';
import { chownTree, runAs } from '../run-as';
import { runCommand } from '../run-command';
import { applyPostgresSchema } from '../../../../stack/postgres/schema';

/** Debian's PostgreSQL 15 binaries (apt `postgresql-15`). */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';
const USER = 'postgres';
const CREDENTIALS = EMBEDDED_CREDENTIALS.postgres;

const pgData = (ctx: ServiceContext): string => join(ctx.dataDir, 'pgdata');

/** A pg client for the service; `database` defaults to the stack's database. */
export function postgresClient(ctx: ServiceContext, database: string = CREDENTIALS.database): pg.Client {
  return new pg.Client({
    host: ctx.host, port: servicePort(ctx, 'pg'), user: CREDENTIALS.user, password: CREDENTIALS.password, database,
    connectionTimeoutMillis: 2_000,
  });
}

async function withClient<T>(ctx: ServiceContext, database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = postgresClient(ctx, database);
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function initCluster(ctx: ServiceContext): Promise<void> {
  const data = pgData(ctx);
  const passwordFile = join(ctx.dataDir, 'initdb-password');
  await mkdir(data, { recursive: true, mode: 0o700 });
  await writeFile(passwordFile, `${CREDENTIALS.password}\n`, { mode: 0o600 });
  await chownTree(USER, ctx.dataDir);
  try {
    await runAs(USER, [`${POSTGRES_BIN}/initdb`, '-D', data, '-U', CREDENTIALS.user, `--pwfile=${passwordFile}`,
      '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--no-locale', '--no-sync']);
  } catch (error) {
    throw new Error(`initdb of the postgres service in ${data} failed (the ${USER} user must be able to reach that folder): ${(error as Error).message}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
  // initdb only trusts loopback; the test process and the pipeline reach it over the bridge.
  await appendFile(join(data, 'pg_hba.conf'), 'host all all 0.0.0.0/0 scram-sha-256\n');
}

/** PostgreSQL 15 from Debian with its own cluster in the run folder and the stack's catalog schema (watermarks). */
export function postgresService(name: string): ServiceDefinition {
  return {
    name,
    role: 'catalogDb',
    dependsOn: [],
    user: USER,
    ports: { pg: 5432 },
    binaries: [`${POSTGRES_BIN}/postgres`, `${POSTGRES_BIN}/initdb`],
    prepare: initCluster,
    command: (ctx) => ({
      argv: [`${POSTGRES_BIN}/postgres`, '-D', pgData(ctx),
        '-c', `listen_addresses=${ctx.host}`, '-c', `port=${servicePort(ctx, 'pg')}`,
        // No unix socket: its path length limit and folder rights would tie the run folder's location.
        '-c', 'unix_socket_directories=',
        '-c', 'shared_buffers=32MB', '-c', 'max_connections=60', '-c', 'logging_collector=off'],
    }),
    health: {
      describe: (ctx) => `SELECT 1 as ${CREDENTIALS.user} on ${ctx.host}:${servicePort(ctx, 'pg')}`,
      check: (ctx) => withClient(ctx, 'postgres', async (client) => { await client.query('SELECT 1'); }),
    },
    version: async () => (await runCommand(`${POSTGRES_BIN}/postgres`, ['--version'])).stdout.trim().replace(/^postgres \(PostgreSQL\)/, 'PostgreSQL'),
    afterHealthy: async (ctx) => {
      await withClient(ctx, 'postgres', async (client) => {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [CREDENTIALS.database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE ${CREDENTIALS.database}`);
      });
      await withClient(ctx, CREDENTIALS.database, applyPostgresSchema);
    },
    stopSignal: 'SIGINT',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
