import type { Fault } from '../fault';
import { validDegradation, type LinkDegradation } from '../../targets/degraded-link-rules';

/**
 * A degraded link on one service: packet loss in both directions and/or a cap on what it sends
 * (iptables' `statistic` match and `tc tbf` in its network namespace). Heal restores the link.
 */
export function degradeLink(service: string, degradation: LinkDegradation): Fault {
  const d = validDegradation(degradation);
  const parts = [d.lossPercent !== undefined ? `${d.lossPercent} % loss` : '', d.rateKbit !== undefined ? `${d.rateKbit} kbit/s` : ''].filter(Boolean);
  return {
    name: `degrade the link of ${service}: ${parts.join(', ')}`,
    service,
    action: 'degrade-link',
    network: true,
    parameters: { ...(d.lossPercent !== undefined ? { lossPercent: d.lossPercent } : {}), ...(d.rateKbit !== undefined ? { rateKbit: d.rateKbit } : {}) },
    inject: (stack) => stack.degradeLink(service, d),
    heal: (stack) => stack.restoreLink(service),
    confirm: (_before, after) =>
      after.linkDegraded
        ? { applied: true, detail: `${parts.join(', ')} in place on ${service}'s eth0` }
        : { applied: false, detail: `no loss rule or rate cap on ${service}'s eth0` },
  };
}
