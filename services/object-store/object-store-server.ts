import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The part of s3rver (untyped CommonJS) this module uses. */
interface S3rverServer {
  middleware: KoaMiddleware[];
  httpServer?: import('node:http').Server;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;

/** s3rver's account registry: the only place it looks up access keys. */
interface AccountRegistry {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

export interface ObjectStoreOptions {
  /** Folder holding the buckets; objects survive a restart. */
  dataDir: string;
  host: string;
  port: number;
  bucket: string;
  accessKey: string;
  secretKey: string;
  /** Print one line per request (off by default: the offload's uploads are many). */
  verbose?: boolean;
}

export interface ObjectStore {
  /** `http://host:port` actually bound. */
  url: string;
  port: number;
  close(): Promise<void>;
}

type KoaContext = { method: string; path: string; query: Record<string, unknown>; status: number; type: string; body: unknown };
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

/**
 * minio-js starts every multipart upload with `GET /<bucket>?uploads` to find one to resume;
 * s3rver answers NotImplemented, which fails the upload. Nothing is ever resumable here, so an
 * empty listing is the true answer.
 */
function listMultipartUploads(): KoaMiddleware {
  return async (ctx, next) => {
    const bucket = /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
    if (ctx.method !== 'GET' || !bucket || !('uploads' in ctx.query)) return next();
    ctx.status = 200;
    ctx.type = 'application/xml';
    const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
    ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
      + `<Bucket>${escapeXml(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>`
      + `<Prefix>${escapeXml(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>`
      + '</ListMultipartUploadsResult>';
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * An S3-compatible server (s3rver) with persistent storage in `dataDir`, the configured
 * credentials, and the warehouse bucket created on start. Requests signed with another access
 * key are refused (s3rver checks that a key exists, not the SigV4 signature).
 */
export async function startObjectStore(options: ObjectStoreOptions): Promise<ObjectStore> {
  if (!options.accessKey || !options.secretKey) throw new Error('object store needs an access key and a secret key');
  await mkdir(options.dataDir, { recursive: true });
  (require('s3rver/lib/models/account') as AccountRegistry).DUMMY_ACCOUNT.createKeyPair(options.accessKey, options.secretKey);
  const S3rver = require('s3rver') as S3rverClass;
  const server = new S3rver({
    address: options.host,
    port: options.port,
    directory: options.dataDir,
    silent: !options.verbose,
    configureBuckets: [{ name: options.bucket, configs: [] }],
    // Path style only: with virtual-host buckets on, a request to http://object-store:9000/b
    // (a compose service name) would address the bucket "object-store".
    vhostBuckets: false,
  });
  server.middleware.unshift(listMultipartUploads());
  const address = await server.run();
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: async () => {
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}
