import { networkInterfaces } from 'node:os';
import { rmSync, writeFileSync } from 'node:fs';
import type { CliCommand } from '../../src/cli/command';
import { UsageError } from '../../src/cli/command';
import { parseFlags, parseHostPort, requireFlag } from '../../src/cli/flags';
import { CONNECTION_LINE, startLatencyProxy } from './latency-proxy';

const USAGE = `Usage: k2-chaos latency-proxy --listen HOST:PORT --to HOST:PORT|IFACE:PORT --latency-ms N [--jitter-ms N] [--pid-file FILE]

A TCP proxy that holds what the service behind it sends for N ms (plus or minus the jitter, in
order), as \`tc netem delay\` would on its egress. The degraded-link fault runs it inside a
service's network namespace, with iptables sending the service's port to it.

  --listen HOST:PORT   where to listen
  --to HOST:PORT       the service; an interface name (eth0:9092) means that interface's IPv4 address
  --latency-ms N       added latency, 0 or more
  --jitter-ms N        variation either way, from 0 to the latency (default 0)
  --pid-file FILE      written once listening, removed on exit`;

const OPTIONS = {
  listen: { type: 'string' },
  to: { type: 'string' },
  'latency-ms': { type: 'string' },
  'jitter-ms': { type: 'string', default: '0' },
  'pid-file': { type: 'string' },
} as const;

function number(raw: string, flag: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${flag} must be a number of milliseconds, 0 or more, got "${raw}"`);
  return n;
}

/** An interface's IPv4 address, for `--to eth0:9092` (the proxy runs inside the service's namespace). */
function interfaceAddress(name: string): string | undefined {
  return networkInterfaces()[name]?.find((a) => a.family === 'IPv4')?.address;
}

export const command: CliCommand = {
  summary: 'TCP proxy that adds latency and jitter (the degraded-link fault)',
  usage: USAGE,
  async run(argv) {
    const { values } = parseFlags(argv, OPTIONS);
    const listen = parseHostPort(requireFlag(values.listen, '--listen'), '--listen');
    const to = requireFlag(values.to, '--to');
    const colon = to.lastIndexOf(':');
    const named = colon > 0 ? interfaceAddress(to.slice(0, colon)) : undefined;
    const target = parseHostPort(named ? `${named}:${to.slice(colon + 1)}` : to, '--to');
    const latencyMs = number(requireFlag(values['latency-ms'], '--latency-ms'), '--latency-ms');
    const jitterMs = number(values['jitter-ms'] ?? '0', '--jitter-ms');
    if (jitterMs > latencyMs) throw new UsageError(`--jitter-ms (${jitterMs}) must not exceed --latency-ms (${latencyMs})`);
    const proxy = await startLatencyProxy({
      listenHost: listen.host, listenPort: listen.port, targetHost: target.host, targetPort: target.port, latencyMs, jitterMs,
      // The fault waits for this line: a client came back through the proxy.
      onConnection: (remote) => console.log(`${CONNECTION_LINE} ${remote}`),
    });
    const pidFile = values['pid-file'];
    if (pidFile) writeFileSync(pidFile, `${process.pid}\n`);
    console.log(`latency-proxy ${listen.host}:${proxy.port} -> ${target.host}:${target.port}, +${latencyMs} ms ± ${jitterMs} ms on replies`);
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', () => resolve());
      process.once('SIGINT', () => resolve());
    });
    await proxy.close();
    if (pidFile) rmSync(pidFile, { force: true });
    return 0;
  },
};
