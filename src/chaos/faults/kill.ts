import type { Fault } from '../fault';

/** SIGKILL, no chance to flush or close; heal starts the service again. */
export function kill(service: string): Fault {
  return {
    name: `kill ${service}`,
    service,
    action: 'kill',
    network: false,
    inject: (stack) => stack.kill(service),
    heal: (stack) => stack.start(service),
    confirm: (before, after) =>
      after.running
        ? { applied: false, detail: `${service} is still running${after.pid ? ` as pid ${after.pid}` : ''}` }
        : { applied: true, detail: `${service} killed${before.pid ? ` (was pid ${before.pid})` : ''}` },
  };
}
