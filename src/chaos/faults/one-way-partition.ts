import type { Fault } from '../fault';
import type { ServiceState } from '../../targets/started-stack';
import type { PortMatch } from '../../targets/outgoing-drop-rules';

export interface DropRepliesOptions {
  /** The service's TCP port whose replies are lost (the broker's 9092). */
  fromPort: number;
  /** The services that stop hearing from it. */
  to: string[];
}

export interface CutOffOptions {
  /** The peers' TCP port the service can no longer reach (the broker's 9092). */
  toPort: number;
  /** The services it cannot reach. */
  from: string[];
}

function oneWay(service: string, name: string, action: 'drop-replies' | 'cut-off', match: PortMatch, peers: string[], parameters: Record<string, string | number>): Fault {
  return {
    name,
    service,
    action,
    network: true,
    parameters,
    inject: (stack) => stack.dropOutgoing(service, match, peers),
    heal: (stack) => stack.allowOutgoing(service),
    confirm: (_before, after: ServiceState) =>
      (after.outgoingDrops ?? 0) >= peers.length
        ? { applied: true, detail: `${after.outgoingDrops} drop rule(s) in ${service}'s network namespace` }
        : { applied: false, detail: `${after.outgoingDrops ?? 0} drop rule(s) in ${service}'s network namespace, expected ${peers.length}` },
  };
}

/**
 * The service still receives and acts on every request from `to`, but its replies from
 * `fromPort` never reach them. For a broker this is the lost acknowledgement: the records are
 * stored, the producers time out and send them again. Heal removes the rules.
 */
export function dropReplies(service: string, options: DropRepliesOptions): Fault {
  return oneWay(service, `drop replies of ${service}:${options.fromPort} to ${options.to.join(', ')}`, 'drop-replies',
    { fromPort: options.fromPort }, options.to, { fromPort: options.fromPort, to: options.to.join(',') });
}

/**
 * The service cannot reach `from` on `toPort` (its packets there are dropped), while they, and
 * every other service, still reach it: "ClickHouse cannot reach the broker". Heal removes the rules.
 */
export function cutOff(service: string, options: CutOffOptions): Fault {
  return oneWay(service, `cut ${service} off from ${options.from.join(', ')}:${options.toPort}`, 'cut-off',
    { toPort: options.toPort }, options.from, { toPort: options.toPort, from: options.from.join(',') });
}

/** The heal side of a journalled one-way fault: it removes every such rule, so needs no options. */
export const oneWayHeal = (action: 'drop-replies' | 'cut-off') => (service: string): Fault =>
  oneWay(service, `${action} ${service}`, action, { fromPort: 1 }, [], {});
