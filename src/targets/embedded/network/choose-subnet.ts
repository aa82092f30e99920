import { createHash } from 'node:crypto';
import { runCommand } from '../run-command';

/** Second octets used for stack subnets (10.160.0.0 - 10.191.255.255), away from common LAN ranges. */
const SECOND_OCTET_BASE = 160;
const SECOND_OCTET_SPAN = 32;

/**
 * Picks a free /24 for a stack: a hash of the stack id gives the first candidate (so a stack
 * keeps its subnet across runs), and candidates already routed on this host are skipped.
 * Returns the first three octets, e.g. `10.171.4`.
 */
export async function chooseSubnet(stackId: string): Promise<string> {
  const { stdout } = await runCommand('ip', ['-4', 'route', 'show', 'table', 'all']);
  const { stdout: addresses } = await runCommand('ip', ['-4', '-o', 'addr', 'show']);
  const used = stdout + addresses;
  const seed = createHash('sha1').update(stackId).digest().readUInt32BE(0);
  const total = SECOND_OCTET_SPAN * 256;
  for (let i = 0; i < total; i += 1) {
    const n = (seed + i) % total;
    const prefix = `10.${SECOND_OCTET_BASE + Math.floor(n / 256)}.${n % 256}`;
    if (!used.includes(`${prefix}.`)) return prefix;
  }
  throw new Error('no free /24 left in 10.160.0.0/11 for a stack network');
}
