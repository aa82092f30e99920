import type { Fault } from '../fault';

/** Graceful stop (`docker compose stop`); heal starts the service again. */
export function stop(service: string): Fault {
  return {
    name: `stop ${service}`,
    service,
    action: 'stop',
    network: false,
    inject: (stack) => stack.stop(service),
    heal: (stack) => stack.start(service),
    confirm: (before, after) =>
      after.running
        ? { applied: false, detail: `${service} is still running${after.pid ? ` as pid ${after.pid}` : ''}` }
        : { applied: true, detail: `${service} stopped${before.pid ? ` (was pid ${before.pid})` : ''}` },
  };
}
