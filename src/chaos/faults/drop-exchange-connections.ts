import type { Fault } from '../fault';
import { exchangeControl, postControl } from './exchange-control';

export interface DropExchangeOptions {
  /** How long the exchange refuses new connections after dropping them (503, as in maintenance). */
  refuseMs: number;
}

/**
 * The exchange drops every WebSocket and refuses new ones for `refuseMs` (the simulator's
 * `POST /control/disconnect`), as exchanges do at maintenance; heal lets connections in again
 * (`POST /control/accept`). Reconnecting, with backoff through the refusals, is the feed
 * handler's job: that is what is tested.
 */
export function dropExchangeConnections(service: string, options: DropExchangeOptions): Fault {
  let closed: number | undefined;
  return {
    name: `drop the WebSockets of ${service}, refusing new ones for ${options.refuseMs} ms`,
    service,
    action: 'drop-connections',
    network: false,
    parameters: { refuseMs: options.refuseMs },
    inject: async (stack) => {
      const { url } = exchangeControl(stack, service);
      closed = ((await postControl(`${url}/disconnect`, service, { refuseMs: options.refuseMs })) as { closed?: number }).closed ?? 0;
    },
    heal: async (stack) => {
      const { url } = exchangeControl(stack, service);
      await postControl(`${url}/accept`, service, {});
    },
    confirm: () =>
      closed && closed > 0
        ? { applied: true, detail: `${service} closed ${closed} WebSocket(s) and refuses new ones` }
        : { applied: false, detail: `${service} had no WebSocket to close` },
  };
}
