import type { Fault } from '../fault';
import { exchangeControl, postControl } from './exchange-control';

export interface MalformedBurstOptions {
  /** Broken messages sent to every connection of the exchange. */
  count: number;
}

/** A malformed-burst fault and the number of broken messages the exchange actually delivered. */
export interface MalformedBurst extends Fault {
  /** Messages delivered by the inject (0 before it). */
  delivered(): number;
}

/**
 * The exchange sends a burst of broken trade messages (bad JSON, missing fields, wrong types) on
 * every connection (the simulator's `POST /control/malformed`). Nothing to heal: the burst is
 * over once sent; what is tested is that the handler dead-letters every one and loses nothing.
 */
export function malformedBurst(service: string, options: MalformedBurstOptions): MalformedBurst {
  let delivered = 0;
  return {
    name: `burst of ${options.count} malformed messages from ${service}`,
    service,
    action: 'malformed-burst',
    network: false,
    parameters: { count: options.count },
    inject: async (stack) => {
      const { url } = exchangeControl(stack, service);
      const answer = (await postControl(`${url}/malformed`, service, { count: options.count })) as { delivered?: { messages?: number } };
      delivered = answer.delivered?.messages ?? 0;
    },
    heal: async () => undefined,
    confirm: () =>
      delivered > 0
        ? { applied: true, detail: `${service} delivered ${delivered} malformed messages` }
        : { applied: false, detail: `${service} had no connection to send malformed messages on` },
    delivered: () => delivered,
  };
}
