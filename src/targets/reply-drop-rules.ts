/**
 * A one-way partition as iptables rules inside one service's network namespace: the TCP packets
 * it sends from one of its ports to some peers are dropped, while everything the peers send it
 * still arrives. Requests are received and acted on; their responses (a broker's produce
 * acknowledgements, say) never come back, so the clients time out and retry what was stored.
 *
 * Every rule carries the comment RULE_TAG, so the heal removes exactly the rules the fault added,
 * whoever added them and however many times.
 */
export const RULE_TAG = 'k2-chaos-drop-replies';

/** Runs `iptables` with these arguments inside the service's network namespace. */
export type IptablesInNamespace = (args: string[]) => Promise<string>;

export interface ReplyDrop {
  /** The service's own TCP port whose outgoing packets are dropped (9092: the broker's replies). */
  fromPort: number;
  /** Addresses of the peers that stop hearing from it. */
  peerAddresses: string[];
}

/** The rule for one peer, as `iptables -I` arguments after the chain. */
export function dropRuleSpec(fromPort: number, peerAddress: string): string[] {
  if (!Number.isInteger(fromPort) || fromPort < 1 || fromPort > 65535) throw new Error(`drop replies: port must be 1 to 65535, got ${fromPort}`);
  if (!/^[0-9a-fA-F:.]+$/.test(peerAddress)) throw new Error(`drop replies: "${peerAddress}" is not an IP address`);
  return ['-p', 'tcp', '--sport', String(fromPort), '-d', peerAddress, '-m', 'comment', '--comment', RULE_TAG, '-j', 'DROP'];
}

/** The `-D` argument lists that delete every tagged rule listed by `iptables -S OUTPUT`. */
export function deletionsOf(listing: string): string[][] {
  return listing.split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('-A OUTPUT ') && line.includes(RULE_TAG))
    .map((line) => ['-D', ...line.split(/\s+/).slice(1)]);
}

export const countTaggedRules = (listing: string): number => deletionsOf(listing).length;

/** Adds the drop rules (none twice). */
export async function addReplyDrop(iptables: IptablesInNamespace, drop: ReplyDrop): Promise<void> {
  if (drop.peerAddresses.length === 0) throw new Error('drop replies: no peer address to drop replies to');
  for (const address of drop.peerAddresses) {
    const spec = dropRuleSpec(drop.fromPort, address);
    const present = await iptables(['-w', '-C', 'OUTPUT', ...spec]).then(() => true, () => false);
    if (!present) await iptables(['-w', '-I', 'OUTPUT', ...spec]);
  }
}

/** Removes every tagged rule; a namespace without them is left as it is. */
export async function removeReplyDrops(iptables: IptablesInNamespace): Promise<void> {
  for (const deletion of deletionsOf(await iptables(['-w', '-S', 'OUTPUT']))) {
    await iptables(['-w', ...deletion]).catch(() => undefined);
  }
}

/** How many tagged rules the namespace holds now (0 after a heal). */
export async function replyDropsInPlace(iptables: IptablesInNamespace): Promise<number> {
  return countTaggedRules(await iptables(['-w', '-S', 'OUTPUT']));
}
