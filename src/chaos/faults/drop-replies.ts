import type { Fault } from '../fault';

export interface DropRepliesOptions {
  /** The service's TCP port whose replies are lost (the broker's 9092). */
  fromPort: number;
  /** The services that stop hearing from it. */
  to: string[];
}

/**
 * A one-way partition: the service still receives and acts on every request from `to`, but its
 * replies from `fromPort` never reach them. For a broker this is the lost acknowledgement: the
 * records are stored, the producers time out and send them again. Heal removes the rules.
 */
export function dropReplies(service: string, options: DropRepliesOptions): Fault {
  return {
    name: `drop replies of ${service}:${options.fromPort} to ${options.to.join(', ')}`,
    service,
    action: 'drop-replies',
    network: true,
    parameters: { fromPort: options.fromPort, to: options.to.join(',') },
    inject: (stack) => stack.dropReplies(service, options.fromPort, options.to),
    heal: (stack) => stack.allowReplies(service),
    confirm: (_before, after) =>
      (after.repliesDropped ?? 0) >= options.to.length
        ? { applied: true, detail: `${after.repliesDropped} drop rule(s) in ${service}'s network namespace` }
        : { applied: false, detail: `${after.repliesDropped ?? 0} drop rule(s) in ${service}'s network namespace, expected ${options.to.length}` },
  };
}

/** The heal side of a journalled drop-replies fault: it removes every such rule, so needs no options. */
export const dropRepliesHeal = (service: string): Fault => dropReplies(service, { fromPort: 0, to: [] });
