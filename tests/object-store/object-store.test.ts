import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { Client } from 'minio';
import { startCli, type CliProcess } from '../offload/support/cli-process';

const KEYS = { K2_S3_ACCESS_KEY: 'k2-test-access', K2_S3_SECRET_KEY: 'k2-test-secret' };

async function startStore(dataDir: string): Promise<{ proc: CliProcess; s3Port: number; healthUrl: string }> {
  const proc = startCli(['object-store', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--http', '127.0.0.1:0'], KEYS);
  const match = await proc.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+) .* health (http:\/\/\S+)/);
  return { proc, s3Port: Number(match[1]), healthUrl: match[2]! };
}

function client(port: number, accessKey = KEYS.K2_S3_ACCESS_KEY): Client {
  return new Client({ endPoint: '127.0.0.1', port, useSSL: false, accessKey, secretKey: KEYS.K2_S3_SECRET_KEY, region: 'us-east-1', pathStyle: true });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test.describe('object store', () => {
  let dataDir: string;
  const procs: CliProcess[] = [];
  test.beforeEach(async () => { dataDir = await mkdtemp(join(tmpdir(), 'k2-object-store-')); });
  test.afterEach(async () => {
    await Promise.all(procs.splice(0).map((p) => p.kill('SIGKILL')));
    await rm(dataDir, { recursive: true, force: true });
  });

  test('creates the warehouse bucket and keeps objects across a restart', async () => {
    const first = await startStore(dataDir);
    procs.push(first.proc);
    const s3 = client(first.s3Port);
    expect(await s3.bucketExists('k2-warehouse')).toBe(true);
    await s3.putObject('k2-warehouse', 'cold/t/data/a.parquet', Buffer.from('hello'));
    expect((await fetch(`${first.healthUrl}/health`)).status).toBe(200);
    await first.proc.kill('SIGTERM');

    const second = await startStore(dataDir);
    procs.push(second.proc);
    const body = await readAll(await client(second.s3Port).getObject('k2-warehouse', 'cold/t/data/a.parquet'));
    expect(body.toString()).toBe('hello');
  });

  test('accepts multipart uploads from the minio client', async () => {
    const { proc, s3Port } = await startStore(dataDir);
    procs.push(proc);
    const s3 = new Client({ endPoint: '127.0.0.1', port: s3Port, useSSL: false, accessKey: KEYS.K2_S3_ACCESS_KEY, secretKey: KEYS.K2_S3_SECRET_KEY, region: 'us-east-1', partSize: 5 * 1024 * 1024 });
    const payload = randomBytes(12 * 1024 * 1024);
    await s3.putObject('k2-warehouse', 'big.bin', payload, payload.length);
    const stat = await s3.statObject('k2-warehouse', 'big.bin');
    expect(stat.size).toBe(payload.length);
    expect((await readAll(await s3.getObject('k2-warehouse', 'big.bin'))).equals(payload)).toBe(true);
  });

  test('refuses an unknown access key', async () => {
    const { proc, s3Port } = await startStore(dataDir);
    procs.push(proc);
    await expect(client(s3Port, 'someone-else').putObject('k2-warehouse', 'x', Buffer.from('x'))).rejects.toThrow(/Access Key/i);
  });

  test('names the missing credential when started without one', async () => {
    const proc = startCli(['object-store', '--data-dir', dataDir, '--listen', '127.0.0.1:0'], { K2_S3_ACCESS_KEY: '', K2_S3_SECRET_KEY: '' });
    procs.push(proc);
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain('K2_S3_ACCESS_KEY is required');
  });

  test('health fails once the process is gone', async () => {
    const { proc, healthUrl } = await startStore(dataDir);
    await proc.kill('SIGKILL');
    await expect(fetch(`${healthUrl}/health`)).rejects.toThrow();
  });
});
