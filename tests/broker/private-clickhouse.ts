import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { tempDir } from './broker-harness';

const PACKAGED_CONFIG_DIR = '/etc/clickhouse-server';
const START_TIMEOUT_MS = 60_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PrivateClickHouse {
  client: ClickHouseClient;
  /** Server stdout and stderr so far (librdkafka's debug output lands there). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Debian's clickhouse-server 18.16 with a copy of the packaged config rewritten to a temp dir
 * and free ports, plus a `<kafka>` section for librdkafka settings.
 */
export async function startPrivateClickHouse(kafkaSettings: Record<string, string> = {}): Promise<PrivateClickHouse> {
  const dir = tempDir('clickhouse');
  for (const sub of ['log', 'data', 'tmp']) mkdirSync(join(dir, sub));
  const [http, tcp, interserver] = [await freePort(), await freePort(), await freePort()];
  const kafka = Object.entries(kafkaSettings).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
  const config = readFileSync(join(PACKAGED_CONFIG_DIR, 'config.xml'), 'utf8')
    .replaceAll('/var/log/clickhouse-server/', `${dir}/log/`)
    .replaceAll('/var/lib/clickhouse/', `${dir}/data/`)
    .replace(/<interserver_http_port>\d+<\/interserver_http_port>/, `<interserver_http_port>${interserver}</interserver_http_port>`)
    .replace('<listen_host>::1</listen_host>', '')
    .replace('</yandex>', `<kafka>${kafka}</kafka></yandex>`);
  writeFileSync(join(dir, 'config.xml'), config);
  copyFileSync(join(PACKAGED_CONFIG_DIR, 'users.xml'), join(dir, 'users.xml'));
  const child = spawn('clickhouse-server', [
    `--config-file=${join(dir, 'config.xml')}`, '--', `--path=${dir}/data/`, `--tmp_path=${dir}/tmp/`, `--http_port=${http}`, `--tcp_port=${tcp}`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => { output = (output + d.toString()).slice(-200_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${http}`;
  const client = createClient({ url, username: 'default', password: '', request_timeout: 30_000 });
  const stop = async () => {
    await client.close().catch(() => undefined);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`clickhouse-server exited with ${child.exitCode}: ${output.slice(-2_000)}`);
    }
    if (await fetch(`${url}/ping`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`clickhouse-server did not answer on ${url}: ${output.slice(-2_000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { client, output: () => output, stop };
}
