import type { Fault } from '../fault';
import { exchangeControl, getControl, postControl } from './exchange-control';

export interface RestOutageOptions {
  /** How long REST stays down at most; heal brings it back sooner. */
  durationMs: number;
}

/**
 * The exchange's REST API is down (503 to every history request; the simulator's
 * `POST /control/rest-down`) while its WebSocket feed carries on. Heal brings it back
 * (`POST /control/rest-up`). It matters when the handler needs history: a gap to fill.
 */
export function restOutage(service: string, options: RestOutageOptions): Fault {
  let down = false;
  return {
    name: `REST history of ${service} down for up to ${options.durationMs} ms`,
    service,
    action: 'rest-outage',
    network: false,
    parameters: { durationMs: options.durationMs },
    inject: async (stack) => {
      const { url } = exchangeControl(stack, service);
      await postControl(`${url}/rest-down`, service, { durationMs: options.durationMs });
      down = ((await getControl(`${url}/rest`, service)) as { down: boolean }).down;
    },
    heal: async (stack) => {
      const { url } = exchangeControl(stack, service);
      await postControl(`${url}/rest-up`, service, {});
    },
    confirm: () =>
      down ? { applied: true, detail: `${service} answers REST history requests 503` } : { applied: false, detail: `${service} still serves REST history` },
  };
}
