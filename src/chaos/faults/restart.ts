import type { Fault } from '../fault';

/** Graceful stop, then start (`docker compose restart`). Heal makes sure the service is started. */
export function restart(service: string): Fault {
  return {
    name: `restart ${service}`,
    service,
    action: 'restart',
    network: false,
    inject: (stack) => stack.restart(service),
    heal: (stack) => stack.start(service),
    confirm(before, after) {
      if (!after.running) return { applied: true, detail: `${service} is not running after the restart` };
      if (before.pid === undefined || after.pid === undefined) {
        return { applied: false, detail: `the target reports no pid for ${service}, so a restart cannot be told from no restart` };
      }
      if (before.pid === after.pid) return { applied: false, detail: `${service} still runs as pid ${after.pid}` };
      return { applied: true, detail: `${service} restarted: pid ${before.pid} -> ${after.pid}` };
    },
  };
}
