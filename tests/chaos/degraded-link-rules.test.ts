import { expect, test } from '@playwright/test';
import { degradeLink, linkDegraded, restoreLink, validDegradation, type InNamespace } from '../../src/targets/degraded-link-rules';

/** INPUT/OUTPUT chains and one root qdisc, answering as iptables and tc do. */
function fakeNamespace() {
  const chains: Record<string, string[]> = { INPUT: [], OUTPUT: [] };
  let qdisc = 'qdisc noqueue 0: root refcnt 2';
  const run: InNamespace = async (program, args) => {
    if (program === 'tc') {
      if (args[1] === 'show') return qdisc;
      if (args[1] === 'replace') { qdisc = `qdisc tbf 8001: root refcnt 2 ${args.slice(6).join(' ')}`; return ''; }
      if (args[1] === 'del') { qdisc = 'qdisc noqueue 0: root refcnt 2'; return ''; }
    }
    const [, op, chain, ...spec] = args;
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
  expect(() => validDegradation({})).toThrow('give lossPercent, rateKbit or both');
  expect(() => validDegradation({ lossPercent: 100 })).toThrow('lossPercent must be above 0 and below 100, got 100');
  expect(() => validDegradation({ rateKbit: 2.5 })).toThrow('rateKbit must be an integer of at least 8, got 2.5');
});
