import type { InvariantCheck } from '../chaos/invariant-check';
import { redeliveryObserved, spillObserved } from '../invariants/pipeline/fault-reached';
import { readSpilledMessages } from '../probes/feed-handler/spilled-messages';
import { deadLettered } from '../invariants/pipeline/dead-lettered';
import { readDlqRecords } from '../probes/pipeline/dlq-records';
import type { PipelineSource } from '../probes/pipeline/pipeline-source';

const DLQ_SETTLE_MS = 2_000;
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

/** Every malformed message the burst delivered is on the exchange's DLQ (counted from `baseline`). */
export function deadLetterCheck(source: PipelineSource, exchange: Exchange, sent: () => number, baseline: Promise<Partial<Record<Exchange, number>>>): InvariantCheck {
  return {
    name: `every malformed message from ${exchange} reached the DLQ`,
    check: async () => {
      const before = (await baseline.catch(() => ({})) as Partial<Record<Exchange, number>>)[exchange];
      // The handler dead-letters as it parses; give the last records a moment to be acknowledged.
      await new Promise((resolve) => setTimeout(resolve, DLQ_SETTLE_MS));
      const after = (await readDlqRecords(source))[exchange];
      return deadLettered({ exchange, sent: sent(), before, after });
    },
  };
}
