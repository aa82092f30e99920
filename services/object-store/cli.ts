import type { CliCommand } from '../../src/cli/command';
import { UsageError } from '../../src/cli/command';
import { parseFlags, parseHostPort, requireFlag } from '../../src/cli/flags';
import { startServiceHttp } from '../shared/service-http';
import { startObjectStore } from './object-store-server';

const USAGE = `Usage: k2-chaos object-store --data-dir DIR --listen HOST:PORT [--http HOST:PORT] [--bucket NAME] [--verbose]

An S3-compatible object store (path-style, SigV4 clients such as minio) keeping its objects in DIR.
Credentials come from the environment: K2_S3_ACCESS_KEY and K2_S3_SECRET_KEY.

  --data-dir DIR        folder for buckets and objects (created if missing; kept across restarts)
  --listen HOST:PORT    S3 API address (port 0 picks a free port)
  --http HOST:PORT      health endpoint (/health, /metrics); off when absent
  --bucket NAME         bucket created on start (default k2-warehouse)
  --verbose             log every request`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  listen: { type: 'string' },
  http: { type: 'string' },
  bucket: { type: 'string', default: 'k2-warehouse' },
  verbose: { type: 'boolean', default: false },
} as const;

export const command: CliCommand = {
  summary: 'S3-compatible object store (the embedded stand-in for MinIO)',
  usage: USAGE,
  async run(argv) {
    const { values } = parseFlags(argv, OPTIONS);
    const dataDir = requireFlag(values['data-dir'], '--data-dir');
    const listen = parseHostPort(requireFlag(values.listen, '--listen'), '--listen');
    const accessKey = process.env.K2_S3_ACCESS_KEY;
    const secretKey = process.env.K2_S3_SECRET_KEY;
    if (!accessKey) throw new UsageError('environment variable K2_S3_ACCESS_KEY is required');
    if (!secretKey) throw new UsageError('environment variable K2_S3_SECRET_KEY is required');
    const bucket = values.bucket ?? 'k2-warehouse';
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new UsageError(`--bucket "${bucket}" is not a valid S3 bucket name`);

    const store = await startObjectStore({ dataDir, host: listen.host, port: listen.port, bucket, accessKey, secretKey, verbose: values.verbose });
    const started = Date.now();
    const http = values.http === undefined ? undefined : await startServiceHttp({
      ...parseHostPort(values.http, '--http'),
      health: async () => {
        // Healthy means the S3 port answers, not merely that this process lives.
        const res = await fetch(`${store.url}/${bucket}?location`, { signal: AbortSignal.timeout(2_000) });
        return { ok: res.status < 500, s3: store.url, bucket };
      },
      metrics: () => `# HELP k2_object_store_uptime_seconds Seconds since the object store started\n# TYPE k2_object_store_uptime_seconds gauge\nk2_object_store_uptime_seconds ${((Date.now() - started) / 1000).toFixed(1)}\n`,
    });
    console.log(`object-store listening on ${store.url} bucket ${bucket} data ${dataDir}${http ? ` health ${http.url}` : ''}`);

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    await http?.close();
    await store.close();
    return 0;
  },
};
