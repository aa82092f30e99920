import type { Fault } from '../fault';
import { validDegradation, type LinkDegradation } from '../../targets/degraded-link-rules';

/**
 * A degraded link on one service: packet loss in both directions, a cap on what it sends, and
 * latency with jitter on the replies from one port (iptables' `statistic` match, `tc tbf`, and a
 * latency proxy, all in its network namespace). Heal restores the link.
 */
export function degradeLink(service: string, degradation: LinkDegradation): Fault {
  const d = validDegradation(degradation);
  const parts = [
    d.lossPercent !== undefined ? `${d.lossPercent} % loss` : '',
    d.rateKbit !== undefined ? `${d.rateKbit} kbit/s` : '',
    d.latencyMs !== undefined ? `+${d.latencyMs} ms ± ${d.jitterMs ?? 0} ms on port ${d.latencyPort}` : '',
  ].filter(Boolean);
  return {
    name: `degrade the link of ${service}: ${parts.join(', ')}`,
    service,
    action: 'degrade-link',
    network: true,
    parameters: {
      ...(d.lossPercent !== undefined ? { lossPercent: d.lossPercent } : {}),
      ...(d.rateKbit !== undefined ? { rateKbit: d.rateKbit } : {}),
      ...(d.latencyMs !== undefined ? { latencyMs: d.latencyMs, jitterMs: d.jitterMs ?? 0, latencyPort: d.latencyPort! } : {}),
    },
    inject: (stack) => stack.degradeLink(service, d),
    heal: (stack) => stack.restoreLink(service),
    confirm: (_before, after) =>
      after.linkDegraded
        ? { applied: true, detail: `${parts.join(', ')} in place on ${service}'s eth0` }
        : { applied: false, detail: `no loss rule, rate cap or latency redirect on ${service}'s eth0` },
  };
}
