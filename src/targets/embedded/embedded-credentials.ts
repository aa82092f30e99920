import type { StackManifest } from '../../manifest/manifest';

/** Credentials of the embedded services; fixed, since every embedded stack is private and local. */
export const EMBEDDED_CREDENTIALS = {
  postgres: { user: 'k2', password: 'k2chaos', database: 'k2' },
  clickhouse: { user: 'default', password: 'k2chaos', database: 'k2' },
  objectStore: { accessKey: 'k2chaos', secretKey: 'k2chaos-secret', region: 'us-east-1' },
} as const;

/**
 * The credentials as the environment variables the manifest names, handed to every service so
 * the pipeline's own processes (offload, object store) read them the way they would in compose.
 */
export function credentialsEnv(manifest: StackManifest): Record<string, string> {
  const names = manifest.credentials;
  return {
    [names.clickhouseUser]: EMBEDDED_CREDENTIALS.clickhouse.user,
    [names.clickhousePassword]: EMBEDDED_CREDENTIALS.clickhouse.password,
    [names.postgresUser]: EMBEDDED_CREDENTIALS.postgres.user,
    [names.postgresPassword]: EMBEDDED_CREDENTIALS.postgres.password,
    [names.postgresDatabase]: EMBEDDED_CREDENTIALS.postgres.database,
    [names.s3AccessKey]: EMBEDDED_CREDENTIALS.objectStore.accessKey,
    [names.s3SecretKey]: EMBEDDED_CREDENTIALS.objectStore.secretKey,
  };
}
