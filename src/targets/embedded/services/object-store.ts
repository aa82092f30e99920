import { join } from 'node:path';
import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceDefinition } from '../service-definition';
import { EMBEDDED_CREDENTIALS } from '../embedded-credentials';
import { httpHealth } from '../health-checks';
import { k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

const S3 = EMBEDDED_CREDENTIALS.objectStore;

/** The S3-compatible object store, which creates the warehouse bucket at start; MinIO's place in the reference stack. */
export function objectStoreService(name: string, bucket: string): ServiceDefinition {
  return {
    name,
    role: 'objectStore',
    dependsOn: [],
    ports: { s3: 9000, http: 9001 },
    binaries: [],
    command: (ctx) => ({
      argv: k2ChaosArgv('object-store', ['--data-dir', join(ctx.dataDir, 'data'),
        '--listen', `${ctx.host}:${servicePort(ctx, 's3')}`, '--http', `${ctx.host}:${servicePort(ctx, 'http')}`, '--bucket', bucket]),
      env: { K2_S3_ACCESS_KEY: S3.accessKey, K2_S3_SECRET_KEY: S3.secretKey },
    }),
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
