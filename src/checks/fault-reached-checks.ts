import type { InvariantCheck } from '../chaos/invariant-check';
import { redeliveryObserved, spillObserved } from '../invariants/pipeline/fault-reached';
import { readSpilledMessages } from '../probes/feed-handler/spilled-messages';
import type { Exchange } from '../stack/names';

/** The fault made some trades reach bronze twice (from the bronze ledger's duplicates). */
export function redeliveryCheck(bronzeLedger: InvariantCheck): InvariantCheck {
  return {
    name: 'the fault forced redelivery into bronze',
    check: async () => redeliveryObserved(typeof bronzeLedger === 'function' ? await bronzeLedger() : await bronzeLedger.check()),
  };
}

/** The handlers spilled to disk since `baseline` was read (a counter that dropped means a restart: counted from 0). */
export function spillCheck(feedHandlers: Partial<Record<Exchange, { httpUrl: string }>>, baseline: Promise<Partial<Record<Exchange, number>>>): InvariantCheck {
  return {
    name: 'feed handlers spilled to disk during the outage',
    check: async () => {
      const [before, now] = await Promise.all([baseline, readSpilledMessages(feedHandlers)]);
      const delta = Object.fromEntries(Object.entries(now).map(([e, n]) => {
        const was = before[e as Exchange] ?? 0;
        return [e, n >= was ? n - was : n];
      }));
      return spillObserved(delta);
    },
  };
}
