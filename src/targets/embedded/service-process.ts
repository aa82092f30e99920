import { appendFile, mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mountBoundedDisk } from './bounded-disk';
import { processStatus, type ProcessIdentity, type ProcessStatus } from './process/process-status';
import { signalGroup, signalProcess } from './process/signal-group';
import { spawnDetached } from './process/spawn-detached';
import { waitGone } from './process/wait-gone';
import { runAsPrefix } from './run-as';
import type { ServiceContext, ServiceDefinition } from './service-definition';
import type { ServiceStateRecord } from './stack-state';

const PREPARED_MARKER = '.k2-prepared';
/** How long a SIGKILLed group may take to disappear before that counts as a failure. */
const KILL_WAIT_MS = 10_000;

/**
 * Where the service's bounded disk is and its size, when it declares one and this process may
 * mount it (root); undefined otherwise, and its data then lives on the run folder's disk.
 */
export function boundedDiskOf(definition: ServiceDefinition, ctx: ServiceContext): { dir: string; bytes: number } | undefined {
  if (!definition.boundedDisk || process.getuid?.() !== 0) return undefined;
  return { dir: join(ctx.dataDir, definition.boundedDisk.dir), bytes: definition.boundedDisk.bytes(ctx.env) };
}

export async function statusOf(record: ServiceStateRecord): Promise<ProcessStatus> {
  return record.process ? processStatus(record.process) : 'gone';
}

/** Runs the definition's one-time `prepare` unless its folder already holds a prepared service. */
export async function prepareService(definition: ServiceDefinition, ctx: ServiceContext): Promise<void> {
  const marker = join(ctx.dataDir, PREPARED_MARKER);
  if (await stat(marker).then(() => true, () => false)) return;
  await mkdir(ctx.dataDir, { recursive: true, mode: 0o755 });
  const disk = boundedDiskOf(definition, ctx);
  if (disk) await mountBoundedDisk(disk.dir, disk.bytes);
  await definition.prepare?.(ctx);
  await appendFile(marker, new Date().toISOString());
}

/** Starts the service's process (in its namespace, as its user) and returns its identity. */
export async function spawnService(definition: ServiceDefinition, ctx: ServiceContext, record: ServiceStateRecord): Promise<ProcessIdentity> {
  const command = definition.command(ctx);
  const namespacePrefix = record.link ? ['ip', 'netns', 'exec', record.link.namespace] : [];
  const argv = [...namespacePrefix, ...runAsPrefix(definition.user), ...command.argv];
  await appendFile(record.logFile, `\n=== k2-chaos: starting ${definition.name} at ${new Date().toISOString()}: ${command.argv.join(' ')}\n`);
  return spawnDetached({ argv, env: { ...process.env, ...ctx.env, ...command.env }, cwd: ctx.dataDir, logFile: record.logFile });
}

/**
 * Graceful stop: the definition's stop signal to the service, then SIGKILL to its group when the
 * timeout passes. A paused service is resumed first, or it could never act on the signal.
 */
export async function stopProcess(definition: ServiceDefinition, identity: ProcessIdentity): Promise<void> {
  const status = await processStatus(identity);
  if (status === 'gone') return;
  if (status === 'paused') signalGroup(identity.pid, 'SIGCONT');
  signalProcess(identity.pid, definition.stopSignal);
  if (!(await waitGone(identity, definition.stopTimeoutMs))) signalGroup(identity.pid, 'SIGKILL');
  await killProcess(identity);
}

/** SIGKILL to the whole group, then waits until the service's process is gone. */
export async function killProcess(identity: ProcessIdentity): Promise<void> {
  signalGroup(identity.pid, 'SIGKILL');
  if (!(await waitGone(identity, KILL_WAIT_MS))) throw new Error(`process ${identity.pid} still exists ${KILL_WAIT_MS} ms after SIGKILL`);
}

/** The last `maxBytes` of a log file, or an empty string when it does not exist yet. */
export async function tailFile(path: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
