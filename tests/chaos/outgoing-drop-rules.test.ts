import { expect, test } from '@playwright/test';
import { addOutgoingDrop, deletionsOf, dropRuleSpec, removeOutgoingDrops, RULE_TAG } from '../../src/targets/outgoing-drop-rules';

/** An in-memory OUTPUT chain answering -C, -I, -D and -S as iptables does. */
function fakeIptables() {
  const rules: string[] = [];
  const run = async (args: string[]): Promise<string> => {
    const [, op, chain, ...spec] = args;
    const rule = spec.join(' ');
    if (chain !== 'OUTPUT' && op !== '-S') throw new Error(`unexpected chain ${chain}`);
    if (op === '-C') { if (!rules.includes(rule)) throw new Error('no such rule'); return ''; }
    if (op === '-I') { rules.unshift(rule); return ''; }
    if (op === '-D') { const i = rules.indexOf(rule); if (i < 0) throw new Error('no such rule'); rules.splice(i, 1); return ''; }
    if (op === '-S') return ['-P OUTPUT ACCEPT', '-A OUTPUT -p udp -j ACCEPT', ...rules.map((r) => `-A OUTPUT ${r}`)].join('\n');
    throw new Error(`unexpected op ${op}`);
  };
  return { rules, run };
}

test('one tagged DROP rule per peer, none twice; the heal removes only tagged rules', async () => {
  const chain = fakeIptables();
  await addOutgoingDrop(chain.run, { match: { fromPort: 9092 }, peerAddresses: ['10.1.0.5', '10.1.0.6'] });
  await addOutgoingDrop(chain.run, { match: { fromPort: 9092 }, peerAddresses: ['10.1.0.5'] });
  await addOutgoingDrop(chain.run, { match: { toPort: 9092 }, peerAddresses: ['10.1.0.7'] });
  expect(chain.rules).toHaveLength(3);
  expect(chain.rules.filter((r) => r.includes('--sport 9092'))).toHaveLength(2);
  expect(chain.rules.filter((r) => r.includes('--dport 9092') && r.includes('-d 10.1.0.7'))).toHaveLength(1);
  expect(chain.rules.every((r) => r.includes(RULE_TAG) && r.endsWith('-j DROP'))).toBe(true);
  await removeOutgoingDrops(chain.run);
  expect(chain.rules).toEqual([]);
  expect(deletionsOf('-P OUTPUT ACCEPT\n-A OUTPUT -p udp -j ACCEPT')).toEqual([]);
});

test('bad input is named: a port out of range, an address that is not one, no peers', async () => {
  expect(() => dropRuleSpec({ fromPort: 0 }, '10.0.0.1')).toThrow('port must be 1 to 65535, got 0');
  expect(() => dropRuleSpec({ toPort: 9092 }, 'broker; rm -rf /')).toThrow('"broker; rm -rf /" is not an IP address');
  await expect(addOutgoingDrop(fakeIptables().run, { match: { fromPort: 9092 }, peerAddresses: [] })).rejects.toThrow('no peer address');
});
