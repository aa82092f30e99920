import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceDefinition } from '../service-definition';
import { httpHealth } from '../health-checks';
import { k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

/** The offload worker: ClickHouse silver to Iceberg on the object store, watermarks in Postgres. */
export function offloadService(name: string, olap: string, catalogDb: string, objectStore: string): ServiceDefinition {
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
        argv: k2ChaosArgv('offload', ['--http', `${ctx.host}:${servicePort(ctx, 'http')}`]),
        env: {
          K2_CLICKHOUSE_URL: `http://${clickhouse.host}:${servicePort({ name: olap, ports: clickhouse.ports }, 'http')}`,
          K2_POSTGRES_HOST: postgres.host,
          K2_POSTGRES_PORT: String(servicePort({ name: catalogDb, ports: postgres.ports }, 'pg')),
          K2_S3_ENDPOINT: `http://${s3.host}:${servicePort({ name: objectStore, ports: s3.ports }, 's3')}`,
        },
      };
    },
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
