import { addLatency, latencyAdded, LATENCY_PROXY_PORT, removeLatency, type LatencyHost } from './added-latency';

/**
 * A degraded link on one service, applied inside its network namespace on its `eth0`:
 * - packet loss: iptables' `statistic` match drops each packet in and out with probability p;
 * - a bandwidth cap: a `tc tbf` queue on what it sends;
 * - added latency with jitter on one port: these kernels lack `tc netem`, so a userspace proxy
 *   in the namespace holds the replies (added-latency.ts).
 * Every rule carries a tag, so the heal removes exactly what was added.
 */
export const RULE_TAG = 'k2-chaos-degraded-link';
const DEVICE = 'eth0';

/** Runs a program (`iptables`, `tc`) with these arguments inside the service's network namespace. */
export type InNamespace = (program: 'iptables' | 'tc', args: string[]) => Promise<string>;

export interface LinkDegradation {
  /** Percent of packets dropped in each direction, above 0 and below 100. */
  lossPercent?: number;
  /** Cap on what the service sends, in kbit/s (at least 8). */
  rateKbit?: number;
  /** Added to the replies from `latencyPort`, in ms (1 to 60,000). */
  latencyMs?: number;
  /** The latency varies by up to this much either way (0 to latencyMs; default 0). */
  jitterMs?: number;
  /** The service's TCP port whose replies are delayed; required with latencyMs. */
  latencyPort?: number;
}

/** The degradation checked: a clear error names what is wrong. */
export function validDegradation(d: LinkDegradation): LinkDegradation {
  if (d.lossPercent === undefined && d.rateKbit === undefined && d.latencyMs === undefined) throw new Error('degraded link: give lossPercent, rateKbit, latencyMs or several');
  if (d.latencyMs !== undefined) {
    if (!(Number.isInteger(d.latencyMs) && d.latencyMs >= 1 && d.latencyMs <= 60_000)) throw new Error(`degraded link: latencyMs must be an integer from 1 to 60000, got ${d.latencyMs}`);
    const jitter = d.jitterMs ?? 0;
    if (!(Number.isInteger(jitter) && jitter >= 0 && jitter <= d.latencyMs)) throw new Error(`degraded link: jitterMs must be an integer from 0 to latencyMs (${d.latencyMs}), got ${jitter}`);
    const port = d.latencyPort;
    if (port === undefined || !(Number.isInteger(port) && port >= 1 && port <= 65_535) || port === LATENCY_PROXY_PORT) {
      throw new Error(`degraded link: latencyMs needs latencyPort, the service's TCP port (1 to 65535, not ${LATENCY_PROXY_PORT}), got ${port}`);
    }
  } else if (d.jitterMs !== undefined || d.latencyPort !== undefined) throw new Error('degraded link: jitterMs and latencyPort go with latencyMs');
  if (d.lossPercent !== undefined && !(d.lossPercent > 0 && d.lossPercent < 100)) throw new Error(`degraded link: lossPercent must be above 0 and below 100, got ${d.lossPercent}`);
  if (d.rateKbit !== undefined && !(Number.isInteger(d.rateKbit) && d.rateKbit >= 8)) throw new Error(`degraded link: rateKbit must be an integer of at least 8, got ${d.rateKbit}`);
  return d;
}

/** The loss rules, as `iptables -I <chain>` arguments. */
export function lossRuleSpecs(lossPercent: number): Array<{ chain: 'INPUT' | 'OUTPUT'; spec: string[] }> {
  const probability = (lossPercent / 100).toFixed(4);
  const rule = (chain: 'INPUT' | 'OUTPUT', side: string) => ({
    chain, spec: [side, DEVICE, '-m', 'statistic', '--mode', 'random', '--probability', probability, '-m', 'comment', '--comment', RULE_TAG, '-j', 'DROP'],
  });
  return [rule('INPUT', '-i'), rule('OUTPUT', '-o')];
}

/** The `tc` arguments that cap the rate (burst of 10 ms at the rate, at least 2 KiB; queue up to 1 s). */
export function rateCapArgs(rateKbit: number): string[] {
  const burstBytes = Math.max(2_048, Math.ceil((rateKbit * 1000) / 8 / 100));
  return ['qdisc', 'replace', 'dev', DEVICE, 'root', 'tbf', 'rate', `${rateKbit}kbit`, 'burst', String(burstBytes), 'latency', '1000ms'];
}

/** `-D` argument lists for every tagged rule in one chain's `iptables -S` listing. */
export function taggedDeletions(listing: string, chain: string): string[][] {
  return listing.split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`-A ${chain} `) && line.includes(RULE_TAG))
    .map((line) => ['-D', ...line.split(/\s+/).slice(1)]);
}

/** `latency` runs the latency proxy; a target without one cannot add latency. */
export async function degradeLink(run: InNamespace, degradation: LinkDegradation, latency?: LatencyHost): Promise<void> {
  const d = validDegradation(degradation);
  if (d.latencyMs !== undefined && !latency) throw new Error('degraded link: this target cannot run the latency proxy in the service\'s namespace');
  await restoreLink(run, latency);
  if (d.lossPercent !== undefined) for (const { chain, spec } of lossRuleSpecs(d.lossPercent)) await run('iptables', ['-w', '-I', chain, ...spec]);
  if (d.rateKbit !== undefined) await run('tc', rateCapArgs(d.rateKbit));
  if (d.latencyMs !== undefined) await addLatency(run, latency!, { port: d.latencyPort!, latencyMs: d.latencyMs, jitterMs: d.jitterMs ?? 0 });
}

/** Removes the loss rules, the rate cap and the added latency; a clean link is left as it is. */
export async function restoreLink(run: InNamespace, latency?: Pick<LatencyHost, 'pidFile'>): Promise<void> {
  for (const chain of ['INPUT', 'OUTPUT']) {
    for (const deletion of taggedDeletions(await run('iptables', ['-w', '-S', chain]), chain)) await run('iptables', ['-w', ...deletion]).catch(() => undefined);
  }
  if ((await run('tc', ['qdisc', 'show', 'dev', DEVICE])).includes('tbf')) await run('tc', ['qdisc', 'del', 'dev', DEVICE, 'root']);
  if (latency) await removeLatency(run, latency);
}

/** Whether any loss rule, rate cap or latency redirect is in place. */
export async function linkDegraded(run: InNamespace): Promise<boolean> {
  const rules = (await Promise.all(['INPUT', 'OUTPUT'].map(async (chain) => taggedDeletions(await run('iptables', ['-w', '-S', chain]), chain).length))).reduce((a, b) => a + b, 0);
  return rules > 0 || (await run('tc', ['qdisc', 'show', 'dev', DEVICE])).includes('tbf') || (await latencyAdded(run));
}
