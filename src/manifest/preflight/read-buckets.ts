import { Client } from 'minio';
import type { StackEndpoints } from '../../targets/endpoints';

/** Bucket names the object store lists. */
export async function readBuckets(endpoint: StackEndpoints['objectStore']): Promise<string[]> {
  const { endPoint, port, useSSL, accessKey, secretKey, region } = endpoint;
  const client = new Client({ endPoint, port, useSSL, accessKey, secretKey, region, pathStyle: true });
  return (await client.listBuckets()).map((b) => b.name);
}
