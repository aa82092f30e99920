import type { Fault } from '../fault';
import type { StartedStack } from '../../targets/started-stack';
import type { Exchange } from '../../stack/names';

const TIMEOUT_MS = 5_000;

export interface DropExchangeOptions {
  /** How long the exchange refuses new connections after dropping them (503, as in maintenance). */
  refuseMs: number;
}

/** The simulator's control API for the exchange `service` simulates. */
function controlUrlOf(stack: StartedStack, service: string): { exchange: Exchange; url: string } {
  const entry = Object.entries(stack.manifest.services.exchanges ?? {}).find(([, s]) => s === service);
  if (!entry) throw new Error(`${service} is not an exchange simulator of this stack (exchanges: ${Object.values(stack.manifest.services.exchanges ?? {}).join(', ') || 'none'})`);
  const exchange = entry[0] as Exchange;
  // `controlUrl` ends in /control (the simulator's ground-truth API).
  return { exchange, url: stack.endpoints.exchanges[exchange].controlUrl.replace(/\/$/, '') };
}

async function post(url: string, service: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status === 404) throw new Error(`${service} has no control API (a live exchange, or a simulator run --public-only), so its connections cannot be dropped`);
  if (!response.ok) throw new Error(`${service} answered ${response.status} to POST ${new URL(url).pathname}: ${(await response.text()).slice(0, 200)}`);
  return response.json();
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
      const { url } = controlUrlOf(stack, service);
      closed = ((await post(`${url}/disconnect`, service, { refuseMs: options.refuseMs })) as { closed?: number }).closed ?? 0;
    },
    heal: async (stack) => {
      const { url } = controlUrlOf(stack, service);
      await post(`${url}/accept`, service, {});
    },
    confirm: () =>
      closed && closed > 0
        ? { applied: true, detail: `${service} closed ${closed} WebSocket(s) and refuses new ones` }
        : { applied: false, detail: `${service} had no WebSocket to close` },
  };
}
