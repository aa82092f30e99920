import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { freePort } from '../../src/targets/embedded/free-port';
import { mountBoundedDisk, unmountBoundedDisks } from '../../src/targets/embedded/bounded-disk';

const PACKAGED_CONFIG_DIR = '/etc/clickhouse-server';
const SERVER_BINARY = 'clickhouse-server';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;
const OUTPUT_TAIL_CHARS = 200_000;
/** Set to see the server's stdout with librdkafka's consumer debug output while a test runs. */
const DEBUG_ENV = 'K2_CLICKHOUSE_STDOUT';

export interface PrivateClickHouseOptions {
  /** librdkafka settings for a `<kafka>` section of the main config. */
  kafka?: Record<string, string>;
  /** Also load the reference stack's `config.d` and `users.d` overrides (stack/clickhouse). */
  stackSettings?: boolean;
  /** With `stackSettings`: files of `users.d` or `config.d` to leave out (a seeded defect's setting). */
  leaveOut?: string[];
  /** Put the data folder on an ext4 disk of its own of this size (root only), so that a test can fill it. */
  dataDiskBytes?: number;
}

/** A private clickhouse-server (Debian's 18.16) for one test: own config copy, temp dir and free ports. */
export interface PrivateClickHouse extends AsyncDisposable {
  url: string;
  /** Private folder: config, data, and the server's logs under `log/`. */
  dir: string;
  /** The server's data folder (`--path`), a mount point of its own with `dataDiskBytes`. */
  dataDir: string;
  client: ClickHouseClient;
  /** SIGKILL the server (a crash); `start` brings it back on the same dir and ports. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its folder. */
  stop(): Promise<void>;
}

function writePrivateConfig(dir: string, interserverPort: number, options: PrivateClickHouseOptions): string {
  const kafka = { ...(process.env[DEBUG_ENV] ? { debug: 'cgrp,fetch,topic' } : {}), ...options.kafka };
  const kafkaXml = Object.keys(kafka).length ? `<kafka>${Object.entries(kafka).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</kafka>` : '';
  const config = readFileSync(join(PACKAGED_CONFIG_DIR, 'config.xml'), 'utf8')
    .replaceAll('/var/log/clickhouse-server/', `${dir}/log/`)
    .replaceAll('/var/lib/clickhouse/', `${dir}/data/`)
    .replace(/<interserver_http_port>\d+<\/interserver_http_port>/, `<interserver_http_port>${interserverPort}</interserver_http_port>`)
    // The packaged config also listens on ::1, which the loopback-only test network may not have.
    .replace(/<listen_host>::1<\/listen_host>/, '')
    .replace('</yandex>', `${kafkaXml}</yandex>`);
  const path = join(dir, 'config.xml');
  writeFileSync(path, config);
  copyFileSync(join(PACKAGED_CONFIG_DIR, 'users.xml'), join(dir, 'users.xml'));
  if (options.stackSettings) {
    for (const sub of ['users.d', 'config.d']) {
      mkdirSync(join(dir, sub));
      const from = new URL(`../../stack/clickhouse/${sub}/`, import.meta.url);
      const wanted = (f: string) => f.endsWith('.xml') && !(options.leaveOut ?? []).includes(f);
      for (const file of readdirSync(from).filter(wanted)) copyFileSync(new URL(file, from), join(dir, sub, file));
    }
  }
  return path;
}

async function answers(url: string): Promise<boolean> {
  return fetch(`${url}/ping`).then((r) => r.ok, () => false);
}

async function ended(child: ChildProcess, signal: NodeJS.Signals, forceAfterMs?: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const forced = forceAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), forceAfterMs);
  await exited;
  clearTimeout(forced);
}

/** Starts the server and waits until it answers `/ping`; on failure nothing is left running or on disk. */
export async function startPrivateClickHouse(options: PrivateClickHouseOptions = {}): Promise<PrivateClickHouse> {
  const dir = mkdtempSync(join(tmpdir(), 'k2-ch-'));
  for (const sub of ['log', 'data', 'tmp']) mkdirSync(join(dir, sub));
  const dataDir = join(dir, 'data');
  if (options.dataDiskBytes !== undefined) {
    await mountBoundedDisk(dataDir, options.dataDiskBytes).catch((error: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    });
  }
  const [http, tcp, interserver] = [await freePort('127.0.0.1'), await freePort('127.0.0.1'), await freePort('127.0.0.1')];
  const configFile = writePrivateConfig(dir, interserver, options);
  const url = `http://127.0.0.1:${http}`;
  const client = createClient({ url, username: 'default', password: '', request_timeout: 30_000, log: { level: ClickHouseLogLevel.OFF } });
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    const server = spawn(SERVER_BINARY,
      [`--config-file=${configFile}`, '--', `--path=${dir}/data/`, `--tmp_path=${dir}/tmp/`, `--http_port=${http}`, `--tcp_port=${tcp}`],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = server;
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS); };
    server.stdout?.on('data', (chunk: Buffer) => { keep(chunk); if (process.env[DEBUG_ENV]) process.stdout.write(chunk); });
    server.stderr?.on('data', keep);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await answers(url))) {
      if (server.exitCode !== null) throw new Error(`clickhouse-server exited with ${server.exitCode}: ${output.slice(-2_000)}`);
      if (Date.now() > deadline) throw new Error(`clickhouse-server did not answer on ${url} within ${START_TIMEOUT_MS} ms: ${output.slice(-2_000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const halt = async (signal: NodeJS.Signals, forceAfterMs?: number) => {
    const c = child;
    child = undefined;
    if (c) await ended(c, signal, forceAfterMs);
  };
  const stop = async () => {
    await client.close().catch(() => undefined);
    await halt('SIGTERM', STOP_GRACE_MS);
    await unmountBoundedDisks(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dir, dataDir, client, kill: () => halt('SIGKILL'), start, stop, [Symbol.asyncDispose]: stop };
}
