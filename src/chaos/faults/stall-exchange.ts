import type { Fault } from '../fault';
import { exchangeControl, postControl } from './exchange-control';

/**
 * The exchange's open sessions hang (the simulator's `POST /control/stall`): no trade,
 * heartbeat or close arrives on them again, while the sockets stay open and answer pings. New
 * connections are served. A hung session never comes back, so there is nothing to heal: the
 * feed handler must notice the silence itself and reconnect.
 */
export function stallExchange(service: string): Fault {
  let stalled = 0;
  return {
    name: `stall the open WebSockets of ${service}`,
    service,
    action: 'stall-connections',
    network: false,
    inject: async (stack) => {
      const { url } = exchangeControl(stack, service);
      stalled = ((await postControl(`${url}/stall`, service, {})) as { stalled?: number }).stalled ?? 0;
    },
    heal: async () => undefined,
    confirm: () =>
      stalled > 0
        ? { applied: true, detail: `${service} hung ${stalled} open WebSocket(s)` }
        : { applied: false, detail: `${service} had no WebSocket to hang` },
  };
}
