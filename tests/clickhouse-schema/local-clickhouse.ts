import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';

const PACKAGED_CONFIG_DIR = '/etc/clickhouse-server';
const SERVER_BINARY = 'clickhouse-server';
const START_TIMEOUT_MS = 30_000;

/** A private clickhouse-server (Debian's 18.16) for one test file: own config copy, dir and ports. */
export interface LocalClickHouse extends AsyncDisposable {
  url: string;
  /** Private folder: config, data, and the server's logs under `log/`. */
  dir: string;
  client: ClickHouseClient;
  /** A fresh client (e.g. on another database); closed by `stop`. */
  newClient(database?: string): ClickHouseClient;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function privateConfig(dir: string, ports: { interserver: number }): string {
  const config = readFileSync(join(PACKAGED_CONFIG_DIR, 'config.xml'), 'utf8')
    .replaceAll('/var/log/clickhouse-server/', `${dir}/log/`)
    .replaceAll('/var/lib/clickhouse/', `${dir}/data/`)
    .replace(/<interserver_http_port>\d+<\/interserver_http_port>/, `<interserver_http_port>${ports.interserver}</interserver_http_port>`)
    .replace(/<listen_host>::1<\/listen_host>/, '')
    .replace('</yandex>', process.env.K2_CLICKHOUSE_STDOUT ? '<kafka><debug>cgrp,fetch,topic</debug></kafka></yandex>' : '</yandex>');
  const path = join(dir, 'config.xml');
  writeFileSync(path, config);
  copyFileSync(join(PACKAGED_CONFIG_DIR, 'users.xml'), join(dir, 'users.xml'));
  for (const sub of ['users.d', 'config.d']) {
    mkdirSync(join(dir, sub));
    const from = new URL(`../../stack/clickhouse/${sub}/`, import.meta.url);
    for (const file of readdirSync(from).filter((f) => f.endsWith('.xml'))) copyFileSync(new URL(file, from), join(dir, sub, file));
  }
  return path;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/ping`)).ok;
  } catch {
    return false;
  }
}

export async function startLocalClickHouse(): Promise<LocalClickHouse> {
  const dir = mkdtempSync(join(tmpdir(), 'k2-ch-'));
  for (const sub of ['log', 'data', 'tmp']) mkdirSync(join(dir, sub));
  const [http, tcp, interserver] = [await freePort(), await freePort(), await freePort()];
  const configFile = privateConfig(dir, { interserver });
  const child: ChildProcess = spawn(
    SERVER_BINARY,
    [`--config-file=${configFile}`, '--', `--path=${dir}/data/`, `--tmp_path=${dir}/tmp/`, `--http_port=${http}`, `--tcp_port=${tcp}`],
    { stdio: ['ignore', process.env.K2_CLICKHOUSE_STDOUT ? 'inherit' : 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4_000); });
  const url = `http://127.0.0.1:${http}`;
  const clients: ClickHouseClient[] = [];
  const newClient = (database?: string) => {
    const c = createClient({ url, username: 'default', password: '', database, request_timeout: 30_000 });
    clients.push(c);
    return c;
  };
  const stop = async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const client = newClient();
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`clickhouse-server exited with ${child.exitCode}: ${stderr}`);
    }
    if (await answers(url)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`clickhouse-server did not answer on ${url} within ${START_TIMEOUT_MS} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, dir, client, newClient, stop, [Symbol.asyncDispose]: stop };
}
