import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type BrokerOptions, type RunningBroker } from '../../services/broker/broker';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `k2-broker-${prefix}-`));
}

/** An in-process broker on a free port in a fresh data dir; `close()` stops it and removes the dir. */
export async function inProcessBroker(options: Partial<BrokerOptions> = {}): Promise<RunningBroker & { dataDir: string; kafka: Kafka; dispose(): Promise<void> }> {
  const dataDir = options.dataDir ?? tempDir('data');
  const broker = await startBroker({ listeners: [{ host: '127.0.0.1', port: 0 }], ...options, dataDir });
  const kafka = kafkaFor(broker.bootstrap);
  return {
    ...broker, dataDir, kafka,
    dispose: async () => {
      await broker.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function kafkaFor(brokers: string[], clientId = 'k2-broker-test'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
}

/** The broker CLI as a child process, for signals and kill -9. */
export interface BrokerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export function spawnBrokerCli(args: string[]): BrokerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bin/k2-chaos.mjs'), 'broker', ...args], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | string>((resolveExit) => child.on('exit', (code, signal) => resolveExit(code ?? signal ?? -1)));
  return { child, output: () => out, exited };
}

/** Waits until the CLI printed its first listener's bound address and returns it. */
export async function boundAddress(p: BrokerProcess, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /listener 0: bound (\S+),/.exec(p.output());
    if (match) return match[1]!;
    if (p.child.exitCode !== null) throw new Error(`broker exited: ${p.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`broker did not start: ${p.output()}`);
}

export async function stopProcess(p: BrokerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  return p.exited;
}

/** The sum of a group's committed offsets on one topic (partitions never committed count 0). */
export async function committedTotal(bootstrap: string[], groupId: string, topic: string): Promise<number> {
  const admin = kafkaFor(bootstrap).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    return offsets[0]!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}
