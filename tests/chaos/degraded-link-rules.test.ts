import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LatencyHost } from '../../src/targets/added-latency';
import { degradeLink, linkDegraded, restoreLink, validDegradation, type InNamespace } from '../../src/targets/degraded-link-rules';

/** The filter INPUT/OUTPUT chains, nat PREROUTING, and one root qdisc, answering as iptables and tc do. */
function fakeNamespace() {
  const chains: Record<string, string[]> = { INPUT: [], OUTPUT: [], PREROUTING: [] };
  let qdisc = 'qdisc noqueue 0: root refcnt 2';
  const run: InNamespace = async (program, args) => {
    if (program === 'tc') {
      if (args[1] === 'show') return qdisc;
      if (args[1] === 'replace') { qdisc = `qdisc tbf 8001: root refcnt 2 ${args.slice(6).join(' ')}`; return ''; }
      if (args[1] === 'del') { qdisc = 'qdisc noqueue 0: root refcnt 2'; return ''; }
    }
    // `-t nat` names PREROUTING's table; the chain names do not clash here, so the table can go.
    const plain = args[1] === '-t' ? [args[0]!, ...args.slice(3)] : args;
    const [, op, chain, ...spec] = plain;
    if (op === '-S') return [`-P ${chain} ACCEPT`, ...chains[chain!]!.map((r) => `-A ${chain} ${r}`)].join('\n');
    if (op === '-I') { chains[chain!]!.unshift(spec.join(' ')); return ''; }
    if (op === '-D') { chains[chain!] = chains[chain!]!.filter((r) => r !== spec.join(' ')); return ''; }
    throw new Error(`unexpected ${program} ${args.join(' ')}`);
  };
  return { chains, run, qdisc: () => qdisc };
}

test('loss drops a share of packets both ways, the cap queues what is sent; restore leaves a clean link', async () => {
  const ns = fakeNamespace();
  await degradeLink(ns.run, { lossPercent: 5, rateKbit: 4_000 });
  await degradeLink(ns.run, { lossPercent: 5, rateKbit: 4_000 });
  expect(ns.chains.INPUT).toHaveLength(1);
  expect(ns.chains.OUTPUT![0]).toContain('--probability 0.0500');
  expect(ns.qdisc()).toContain('tbf');
  expect(await linkDegraded(ns.run)).toBe(true);
  await restoreLink(ns.run);
  expect([ns.chains.INPUT, ns.chains.OUTPUT, await linkDegraded(ns.run)]).toEqual([[], [], false]);
});

test('a degradation that is no degradation, or out of range, is named', () => {
  expect(() => validDegradation({})).toThrow('give lossPercent, rateKbit, latencyMs or several');
  expect(() => validDegradation({ lossPercent: 100 })).toThrow('lossPercent must be above 0 and below 100, got 100');
  expect(() => validDegradation({ rateKbit: 2.5 })).toThrow('rateKbit must be an integer of at least 8, got 2.5');
});

/** A latency host whose "proxy" is a real sleeping process, so the heal's kill can be seen. */
function fakeLatencyHost() {
  const dir = mkdtempSync(join(tmpdir(), 'k2-latency-'));
  const started: string[][] = [];
  let child: ReturnType<typeof spawn> | undefined;
  const host: LatencyHost = {
    pidFile: join(dir, 'proxy.pid'),
    logFile: join(dir, 'proxy.log'),
    proxyArgv: (flags) => ['latency-proxy', ...flags],
    start: async (argv) => {
      started.push(argv);
      child = spawn('sleep', ['30'], { stdio: 'ignore' });
      writeFileSync(join(dir, 'proxy.pid'), `${child.pid}\n`);
      writeFileSync(join(dir, 'proxy.log'), 'latency-proxy: connection from 10.0.0.5:41000\n');
    },
  };
  return { host, started, exited: () => new Promise<boolean>((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve(true) : child!.once('exit', () => resolve(true)))) };
}

test('latency: the proxy starts in the namespace, the port is redirected to it and old connections reset; restore stops it', async () => {
  const ns = fakeNamespace();
  const latency = fakeLatencyHost();
  await degradeLink(ns.run, { lossPercent: 5, latencyMs: 200, jitterMs: 50, latencyPort: 9092 }, latency.host);
  expect(latency.started[0]).toEqual(['latency-proxy', '--listen', '0.0.0.0:39400', '--to', 'eth0:9092', '--latency-ms', '200', '--jitter-ms', '50', '--pid-file', latency.host.pidFile]);
  expect(ns.chains.PREROUTING).toEqual(['-i eth0 -p tcp --dport 9092 -m comment --comment k2-chaos-added-latency -j REDIRECT --to-ports 39400']);
  expect(ns.chains.INPUT).toContain('-i eth0 -p tcp --dport 9092 -m comment --comment k2-chaos-added-latency -j REJECT --reject-with tcp-reset');
  expect(await linkDegraded(ns.run)).toBe(true);
  await restoreLink(ns.run, latency.host);
  expect(await latency.exited()).toBe(true);
  expect(existsSync(latency.host.pidFile)).toBe(false);
  expect([ns.chains.INPUT, ns.chains.OUTPUT, ns.chains.PREROUTING, await linkDegraded(ns.run)]).toEqual([[], [], [], false]);
});

test('latency is refused where no proxy can run, and its settings are checked', async () => {
  await expect(degradeLink(fakeNamespace().run, { latencyMs: 200, latencyPort: 9092 })).rejects.toThrow("this target cannot run the latency proxy in the service's namespace");
  expect(() => validDegradation({ latencyMs: 200 })).toThrow('latencyMs needs latencyPort');
  expect(() => validDegradation({ latencyMs: 200, latencyPort: 39_400 })).toThrow('not 39400');
  expect(() => validDegradation({ latencyMs: 100, jitterMs: 150, latencyPort: 9092 })).toThrow('jitterMs must be an integer from 0 to latencyMs (100), got 150');
  expect(() => validDegradation({ lossPercent: 5, jitterMs: 10 })).toThrow('jitterMs and latencyPort go with latencyMs');
});
