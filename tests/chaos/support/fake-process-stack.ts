import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_MANIFEST } from '../../../src/manifest/reference';
import type { StackEndpoints } from '../../../src/targets/endpoints';
import type { ServiceState, StartedStack } from '../../../src/targets/started-stack';
import { processGone } from '../../../src/chaos/process-gone';

const SERVICE_SCRIPT = fileURLToPath(new URL('./fake-service.mjs', import.meta.url));
export const FAKE_SERVICES = ['broker', 'clickhouse'];

/**
 * A StartedStack whose services are real local processes (fake-service.mjs), detached from the
 * test runner like containers are, with pid, port and network state in files of the run folder
 * so another process can attach to it. Faults are real signals: SIGSTOP, SIGKILL, SIGTERM.
 * `K2_FAKE_KEEP_SERVICES=1` makes `down` leave them running, so a test can inspect them after the
 * runner exits; `K2_FAKE_NETWORK=0` reports network faults as unsupported.
 */
export class FakeProcessStack implements StartedStack {
  readonly target = 'embedded' as const;
  readonly manifest = REFERENCE_MANIFEST;
  readonly endpoints = {} as StackEndpoints;
  readonly supportsNetworkFaults = process.env.K2_FAKE_NETWORK !== '0';

  constructor(readonly runDir: string) {}

  /** Starts every service not already running (adopting those a dead worker left). */
  async upAll(): Promise<this> {
    mkdirSync(this.runDir, { recursive: true });
    for (const service of FAKE_SERVICES) await this.start(service);
    for (const service of FAKE_SERVICES) await this.waitHealthy(service, 10_000);
    return this;
  }

  services(): string[] {
    return [...FAKE_SERVICES];
  }

  async state(service: string): Promise<ServiceState> {
    const pid = this.pid(service);
    const status = pid ? procState(pid) : undefined;
    const running = status !== undefined && status !== 'Z' && status !== 'X';
    const state: ServiceState = { running, paused: running && status === 'T', connected: this.read(service, 'net') !== 'disconnected' };
    if (running && pid) state.pid = pid;
    return state;
  }

  async restart(service: string): Promise<void> {
    this.event('restart', service);
    await this.terminate(service, 'SIGTERM');
    await this.spawn(service);
  }
  async stop(service: string): Promise<void> {
    this.event('stop', service);
    await this.terminate(service, 'SIGTERM');
  }
  async kill(service: string): Promise<void> {
    this.event('kill', service);
    await this.terminate(service, 'SIGKILL');
  }
  async start(service: string): Promise<void> {
    this.event('start', service);
    if (!(await this.state(service)).running) await this.spawn(service);
  }
  async pause(service: string): Promise<void> {
    this.event('pause', service);
    this.signal(service, 'SIGSTOP');
  }
  async unpause(service: string): Promise<void> {
    this.event('unpause', service);
    this.signal(service, 'SIGCONT');
  }
  async disconnect(service: string): Promise<void> {
    this.event('disconnect', service);
    this.write(service, 'net', 'disconnected');
    this.signal(service, 'SIGUSR1');
  }
  async connect(service: string): Promise<void> {
    this.event('connect', service);
    this.write(service, 'net', 'connected');
    this.signal(service, 'SIGUSR2');
  }
  async dropOutgoing(service: string): Promise<void> {
    // The fake services have no network: a one-way partition looks like a full one to them.
    await this.disconnect(service);
  }
  async allowOutgoing(service: string): Promise<void> {
    await this.connect(service);
  }
  async degradeLink(): Promise<void> {
    // The fake services have no network to degrade.
  }
  async restoreLink(): Promise<void> {}

  diskFaultsUnsupported(service: string): string | undefined {
    return `the fake ${service} has no disk of its own`;
  }
  async fillDisk(service: string): Promise<void> {
    throw new Error(`cannot fill the disk of ${service}: ${this.diskFaultsUnsupported(service)}`);
  }
  async freeDisk(): Promise<void> {}
  async makeDiskReadOnly(service: string): Promise<void> {
    throw new Error(`cannot put the disk of ${service} read-only: ${this.diskFaultsUnsupported(service)}`);
  }
  async repairDisk(): Promise<void> {}

  async waitHealthy(service: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${this.read(service, 'port')}/health`, { signal: AbortSignal.timeout(1_000) });
        if (res.ok) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`${service} not healthy after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async logs(service: string, maxBytes = 64 * 1024): Promise<string> {
    return this.read(service, 'log').slice(-maxBytes);
  }
  async versions(): Promise<Record<string, string>> {
    return Object.fromEntries(FAKE_SERVICES.map((s) => [s, 'fake-1']));
  }

  async down(): Promise<void> {
    this.event('down', '*');
    if (process.env.K2_FAKE_KEEP_SERVICES === '1') return;
    for (const service of FAKE_SERVICES) await this.terminate(service, 'SIGKILL');
  }

  /** The port a service listens on, for probes. */
  port(service: string): number {
    return Number(this.read(service, 'port'));
  }

  private async spawn(service: string): Promise<void> {
    const log = openSync(join(this.runDir, `${service}.log`), 'a');
    const child = spawn(process.execPath, [SERVICE_SCRIPT, this.runDir, service], { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    child.unref();
    this.write(service, 'pid', String(child.pid));
  }

  private async terminate(service: string, signal: NodeJS.Signals): Promise<void> {
    const pid = this.pid(service);
    if (!pid || !(await this.state(service)).running) return;
    this.signal(service, 'SIGCONT');
    this.signal(service, signal);
    const deadline = Date.now() + 5_000;
    while ((await this.state(service)).running) {
      if (Date.now() > deadline) this.signal(service, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private signal(service: string, signal: NodeJS.Signals): void {
    const pid = this.pid(service);
    if (!pid || processGone(pid)) return;
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  private pid(service: string): number | undefined {
    return Number(this.read(service, 'pid')) || undefined;
  }
  private read(service: string, ext: string): string {
    try {
      return readFileSync(join(this.runDir, `${service}.${ext}`), 'utf8').trim();
    } catch {
      return '';
    }
  }
  private write(service: string, ext: string, text: string): void {
    writeFileSync(join(this.runDir, `${service}.${ext}`), text);
  }
  private event(action: string, service: string): void {
    appendFileSync(join(this.runDir, 'events.jsonl'), `${JSON.stringify({ action, service, pid: process.pid, at: new Date().toISOString() })}\n`);
  }
}

/** Process state letter from /proc (R, S, T, Z...), or undefined when the process is gone. */
function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}
