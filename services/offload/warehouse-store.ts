import { Client } from 'minio';

export interface ObjectStoreConnection {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  region: string;
  bucket: string;
}

export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
}

/**
 * The warehouse bucket through the minio client, addressed by `s3://bucket/key` URIs as Iceberg
 * metadata names them. Every call has a deadline: a paused or partitioned store must fail the
 * run, not hang it.
 */
export class WarehouseStore {
  private readonly client: Client;

  constructor(readonly conn: ObjectStoreConnection, private readonly timeoutMs: number) {
    this.client = new Client({
      endPoint: conn.endPoint, port: conn.port, useSSL: conn.useSSL,
      accessKey: conn.accessKey, secretKey: conn.secretKey, region: conn.region, pathStyle: true,
    });
  }

  uri(key: string): string {
    return `s3://${this.conn.bucket}/${key}`;
  }

  keyOf(uri: string): string {
    const prefix = `s3://${this.conn.bucket}/`;
    const alt = `s3a://${this.conn.bucket}/`;
    if (uri.startsWith(prefix)) return uri.slice(prefix.length);
    if (uri.startsWith(alt)) return uri.slice(alt.length);
    throw new Error(`${uri} is not in bucket ${this.conn.bucket}`);
  }

  put(uri: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<void> {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return this.deadline(`put ${uri}`, async () => {
      await this.client.putObject(this.conn.bucket, this.keyOf(uri), body, body.length, { 'Content-Type': contentType });
    });
  }

  get(uri: string): Promise<Buffer> {
    return this.deadline(`get ${uri}`, async () => {
      const stream = await this.client.getObject(this.conn.bucket, this.keyOf(uri));
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
  }

  list(prefixUri: string): Promise<StoredObject[]> {
    return this.deadline(`list ${prefixUri}`, async () => {
      const out: StoredObject[] = [];
      for await (const item of this.client.listObjectsV2(this.conn.bucket, this.keyOf(prefixUri), true)) {
        const o = item as { name?: string; size: number; lastModified: Date };
        if (o.name) out.push({ key: o.name, size: o.size, lastModified: o.lastModified });
      }
      return out;
    });
  }

  remove(keys: string[]): Promise<void> {
    return this.deadline(`remove ${keys.length} objects`, async () => {
      for (const key of keys) await this.client.removeObject(this.conn.bucket, key);
    });
  }

  private async deadline<T>(what: string, op: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`object store: ${what} took over ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([op().catch((e: Error) => { throw new Error(`object store: ${what} failed: ${e.message || (e as { code?: string }).code || String(e)}`); }), expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}
