import { existsSync, readFileSync, rmSync } from 'node:fs';
import { CONNECTION_LINE } from '../../services/latency-proxy/latency-proxy';
import type { InNamespace } from './degraded-link-rules';

/**
 * Added latency on one service port, where the kernel has no `tc netem`: a userspace proxy
 * (`k2-chaos latency-proxy`) runs inside the service's network namespace, and iptables there
 * sends new connections to the port through it (`REDIRECT`). Connections opened before are reset,
 * so every client comes back through the proxy. Rules carry LATENCY_TAG; heal removes them and
 * stops the proxy, and clients reconnect straight to the service.
 */
export const LATENCY_TAG = 'k2-chaos-added-latency';
/** Where the proxy listens inside the namespace; no stack service uses it. */
export const LATENCY_PROXY_PORT = 39_400;
const DEVICE = 'eth0';
const READY_TIMEOUT_MS = 15_000;

export interface AddedLatency {
  /** The service's TCP port whose replies are delayed. */
  port: number;
  latencyMs: number;
  jitterMs: number;
}

/** Starts a long-running program inside the service's network namespace, detached, its output to `logFile`. */
export type StartInNamespace = (argv: string[], logFile: string) => Promise<void>;

/** Where the proxy's pid file and log live (the stack's run folder), and how it is started there. */
export interface LatencyHost {
  start: StartInNamespace;
  /** argv of `k2-chaos latency-proxy` with these flags. */
  proxyArgv: (flags: string[]) => string[];
  pidFile: string;
  logFile: string;
}

/** The rules, as iptables argument lists after `-w`: the redirect, then the reset of old connections. */
export function latencyRuleSpecs(port: number): Array<{ table: 'nat' | 'filter'; chain: string; spec: string[] }> {
  const tag = ['-m', 'comment', '--comment', LATENCY_TAG];
  return [
    { table: 'nat', chain: 'PREROUTING', spec: ['-i', DEVICE, '-p', 'tcp', '--dport', String(port), ...tag, '-j', 'REDIRECT', '--to-ports', String(LATENCY_PROXY_PORT)] },
    // Redirected packets arrive for the proxy's port; only connections from before the redirect still carry `port`.
    { table: 'filter', chain: 'INPUT', spec: ['-i', DEVICE, '-p', 'tcp', '--dport', String(port), ...tag, '-j', 'REJECT', '--reject-with', 'tcp-reset'] },
  ];
}

/** `-D` argument lists for the tagged rules in one chain's `iptables -S` listing. */
export function latencyDeletions(listing: string, chain: string): string[][] {
  return listing.split('\n').map((l) => l.trim())
    .filter((l) => l.startsWith(`-A ${chain} `) && l.includes(LATENCY_TAG))
    .map((l) => ['-D', ...l.split(/\s+/).slice(1)]);
}

export async function addLatency(run: InNamespace, host: LatencyHost, latency: AddedLatency): Promise<void> {
  await removeLatency(run, host);
  rmSync(host.logFile, { force: true });
  await host.start(host.proxyArgv(['--listen', `0.0.0.0:${LATENCY_PROXY_PORT}`, '--to', `${DEVICE}:${latency.port}`,
    '--latency-ms', String(latency.latencyMs), '--jitter-ms', String(latency.jitterMs), '--pid-file', host.pidFile]), host.logFile);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!existsSync(host.pidFile)) {
    if (Date.now() > deadline) {
      const log = readLog(host.logFile).trim().split('\n').slice(-5).join(' | ') || 'no log';
      throw new Error(`added latency: the latency proxy did not start within ${READY_TIMEOUT_MS / 1000} s (${log})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const { table, chain, spec } of latencyRuleSpecs(latency.port)) await run('iptables', ['-w', '-t', table, '-I', chain, ...spec]);
  // Only a client that came back through the proxy feels the latency: wait for the first.
  const connectedBy = Date.now() + READY_TIMEOUT_MS;
  while (!readLog(host.logFile).includes(CONNECTION_LINE)) {
    if (Date.now() > connectedBy) throw new Error(`added latency: port ${latency.port} is redirected to the latency proxy, but no client connected through it within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const readLog = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** Removes the rules and stops the proxy; safe when there is neither. */
export async function removeLatency(run: InNamespace, host: Pick<LatencyHost, 'pidFile'>): Promise<void> {
  for (const [table, chain] of [['nat', 'PREROUTING'], ['filter', 'INPUT']] as const) {
    for (const deletion of latencyDeletions(await run('iptables', ['-w', '-t', table, '-S', chain]), chain)) {
      await run('iptables', ['-w', '-t', table, ...deletion]).catch(() => undefined);
    }
  }
  stopLatencyProxy(host.pidFile);
}

/** Stops the latency proxy its pid file names, if any (also when the namespace is gone). */
export function stopLatencyProxy(pidFile: string): void {
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : NaN;
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  rmSync(pidFile, { force: true });
}

/** Whether the redirect to the latency proxy is in place. */
export async function latencyAdded(run: InNamespace): Promise<boolean> {
  return latencyDeletions(await run('iptables', ['-w', '-t', 'nat', '-S', 'PREROUTING']), 'PREROUTING').length > 0;
}
