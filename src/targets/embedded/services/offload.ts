import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceDefinition } from '../service-definition';
import { httpHealth } from '../health-checks';
import { envNumber, k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

/**
 * The embedded stack is a test stack: runs every 10 s over data 2 s old, so a failure mode sees
 * "the next scheduled run" within seconds. K2's own 15 min / 5 min stay the worker's defaults.
 */
const TEST_INTERVAL_SECONDS = 10;
const TEST_LAG_SECONDS = 2;

/**
 * The offload worker: ClickHouse windows to Iceberg on the object store, catalog and watermarks
 * in Postgres. Credentials reach it as the manifest's environment variables; schedule and lag
 * from `K2_OFFLOAD_INTERVAL_SECONDS` / `K2_OFFLOAD_LAG_SECONDS` in the stack's environment, else
 * the test defaults below.
 */
export function offloadService(name: string, olap: string, catalogDb: string, objectStore: string, bucket: string): ServiceDefinition {
  return {
    name,
    role: 'offload',
    dependsOn: [olap, catalogDb, objectStore],
    ports: { http: 9500 },
    binaries: [],
    command: (ctx) => {
      const clickhouse = ctx.peer(olap);
      const postgres = ctx.peer(catalogDb);
      const s3 = ctx.peer(objectStore);
      return {
        argv: k2ChaosArgv('offload', ['--http', `${ctx.host}:${servicePort(ctx, 'http')}`,
          '--clickhouse', `http://${clickhouse.host}:${servicePort({ name: olap, ports: clickhouse.ports }, 'http')}`,
          '--postgres', `${postgres.host}:${servicePort({ name: catalogDb, ports: postgres.ports }, 'pg')}`,
          '--s3-endpoint', `http://${s3.host}:${servicePort({ name: objectStore, ports: s3.ports }, 's3')}`,
          '--bucket', bucket,
          '--interval-seconds', String(envNumber(ctx.env, 'K2_OFFLOAD_INTERVAL_SECONDS', TEST_INTERVAL_SECONDS)),
          '--lag-seconds', String(envNumber(ctx.env, 'K2_OFFLOAD_LAG_SECONDS', TEST_LAG_SECONDS))]),
      };
    },
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
