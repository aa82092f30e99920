/**
 * One-way partitions as iptables rules inside one service's network namespace: TCP packets it
 * sends to some peers are dropped, while everything the peers send it still arrives.
 * - From one of its own ports (`fromPort`): its replies are lost. Requests are received and acted
 *   on, their responses never come back (a broker's produce acknowledgements, say), so clients
 *   time out and retry what was stored.
 * - To one of the peers' ports (`toPort`): it cannot reach them (ClickHouse cannot fetch from the
 *   broker), while they, and everyone else, still reach it.
 *
 * Every rule carries the comment RULE_TAG, so the heal removes exactly the rules faults added,
 * whoever added them and however many times.
 */
export const RULE_TAG = 'k2-chaos-drop-outgoing';

/** Runs `iptables` with these arguments inside the service's network namespace. */
export type IptablesInNamespace = (args: string[]) => Promise<string>;

/** Which of the service's outgoing TCP packets to drop: exactly one of the two ports. */
export type PortMatch = { fromPort: number; toPort?: undefined } | { toPort: number; fromPort?: undefined };

export interface OutgoingDrop {
  match: PortMatch;
  /** Addresses of the peers that stop hearing from it. */
  peerAddresses: string[];
}

function port(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`drop outgoing: port must be 1 to 65535, got ${value}`);
  return String(value);
}

/** The rule for one peer, as `iptables -I` arguments after the chain. */
export function dropRuleSpec(match: PortMatch, peerAddress: string): string[] {
  if (!/^[0-9a-fA-F:.]+$/.test(peerAddress)) throw new Error(`drop outgoing: "${peerAddress}" is not an IP address`);
  const ports = match.fromPort !== undefined ? ['--sport', port(match.fromPort)] : ['--dport', port(match.toPort!)];
  return ['-p', 'tcp', ...ports, '-d', peerAddress, '-m', 'comment', '--comment', RULE_TAG, '-j', 'DROP'];
}

/** The `-D` argument lists that delete every tagged rule listed by `iptables -S OUTPUT`. */
export function deletionsOf(listing: string): string[][] {
  return listing.split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('-A OUTPUT ') && line.includes(RULE_TAG))
    .map((line) => ['-D', ...line.split(/\s+/).slice(1)]);
}

/** Adds the drop rules (none twice). */
export async function addOutgoingDrop(iptables: IptablesInNamespace, drop: OutgoingDrop): Promise<void> {
  if (drop.peerAddresses.length === 0) throw new Error('drop outgoing: no peer address to drop packets to');
  for (const address of drop.peerAddresses) {
    const spec = dropRuleSpec(drop.match, address);
    const present = await iptables(['-w', '-C', 'OUTPUT', ...spec]).then(() => true, () => false);
    if (!present) await iptables(['-w', '-I', 'OUTPUT', ...spec]);
  }
}

/** Removes every tagged rule; a namespace without them is left as it is. */
export async function removeOutgoingDrops(iptables: IptablesInNamespace): Promise<void> {
  for (const deletion of deletionsOf(await iptables(['-w', '-S', 'OUTPUT']))) {
    await iptables(['-w', ...deletion]).catch(() => undefined);
  }
}

/** How many tagged rules the namespace holds now (0 after a heal). */
export async function outgoingDropsInPlace(iptables: IptablesInNamespace): Promise<number> {
  return deletionsOf(await iptables(['-w', '-S', 'OUTPUT'])).length;
}
