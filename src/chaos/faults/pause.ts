import type { Fault } from '../fault';

/** Freezes the service (SIGSTOP, `docker pause`): connections stay open but nothing answers. */
export function pause(service: string): Fault {
  return {
    name: `pause ${service}`,
    service,
    action: 'pause',
    network: false,
    inject: (stack) => stack.pause(service),
    heal: (stack) => stack.unpause(service),
    confirm: (_before, after) =>
      after.paused
        ? { applied: true, detail: `${service} is paused` }
        : { applied: false, detail: after.running ? `${service} is running, not paused` : `${service} is not running at all` },
  };
}
