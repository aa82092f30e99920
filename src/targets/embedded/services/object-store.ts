import { join } from 'node:path';
import { servicePort, type ServiceDefinition } from '../service-definition';
import { EMBEDDED_CREDENTIALS } from '../embedded-credentials';
import { httpHealth } from '../health-checks';
import { k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';
import { Client } from 'minio';

const S3 = EMBEDDED_CREDENTIALS.objectStore;

/** The S3-compatible object store, with the warehouse bucket created once it is up; MinIO's place in the reference stack. */
export function objectStoreService(name: string, bucket: string): ServiceDefinition {
  return {
    name,
    role: 'objectStore',
    dependsOn: [],
    ports: { s3: 9000, http: 9001 },
    binaries: [],
    command: (ctx) => ({
      argv: k2ChaosArgv('object-store', ['--data-dir', join(ctx.dataDir, 'data'),
        '--listen', `${ctx.host}:${servicePort(ctx, 's3')}`, '--http', `${ctx.host}:${servicePort(ctx, 'http')}`]),
      env: { K2_S3_ACCESS_KEY: S3.accessKey, K2_S3_SECRET_KEY: S3.secretKey },
    }),
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    afterHealthy: async (ctx) => {
      const client = new Client({ endPoint: ctx.host, port: servicePort(ctx, 's3'), useSSL: false,
        accessKey: S3.accessKey, secretKey: S3.secretKey, region: S3.region, pathStyle: true });
      if (!(await client.bucketExists(bucket))) await client.makeBucket(bucket, S3.region);
    },
    stopSignal: 'SIGTERM',
    stopTimeoutMs: 10_000,
  };
}
