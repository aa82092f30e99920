import type { InvariantCheck } from '../chaos/invariant-check';
import { counterObserved, produceRefusedObserved, redeliveryObserved, spillObserved } from '../invariants/pipeline/fault-reached';
import { counterIncrease, readFeedHandlerCounter, type CountsByExchange, type FeedHandlerCounter } from '../probes/feed-handler/feed-handler-counters';
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

type FeedHandlers = Partial<Record<Exchange, { httpUrl: string }>>;

/** Each feed handler counter, read when the test starts: the baseline of the checks below. */
export type CounterBaselines = Record<FeedHandlerCounter, Promise<CountsByExchange>>;

export function readCounterBaselines(feedHandlers: FeedHandlers): CounterBaselines {
  const read = (metric: FeedHandlerCounter) => readFeedHandlerCounter(feedHandlers, metric);
  return {
    feed_handler_spilled_total: read('feed_handler_spilled_total'),
    feed_handler_gap_filled_total: read('feed_handler_gap_filled_total'),
    feed_handler_fill_errors_total: read('feed_handler_fill_errors_total'),
    feed_handler_produce_errors_total: read('feed_handler_produce_errors_total'),
  };
}

async function increaseSince(feedHandlers: FeedHandlers, baselines: CounterBaselines, metric: FeedHandlerCounter): Promise<CountsByExchange> {
  const [before, now] = await Promise.all([baselines[metric], readFeedHandlerCounter(feedHandlers, metric)]);
  return counterIncrease(before, now);
}

/** The handlers spilled to disk since the test started. */
export function spillCheck(feedHandlers: FeedHandlers, baselines: CounterBaselines): InvariantCheck {
  return {
    name: 'feed handlers spilled to disk during the outage',
    check: async () => spillObserved(await increaseSince(feedHandlers, baselines, 'feed_handler_spilled_total')),
  };
}

/** `exchange`'s handler recovered trades through REST history since the test started. */
export function gapFillCheck(feedHandlers: FeedHandlers, baselines: CounterBaselines, exchange: Exchange): InvariantCheck {
  const name = `${exchange}'s handler filled the gap through REST`;
  return {
    name,
    check: async () => counterObserved({ name, exchange, counts: await increaseSince(feedHandlers, baselines, 'feed_handler_gap_filled_total'), what: 'trades recovered through REST', missing: 'the handler never saw the gap, or its fill came back empty' }),
  };
}

/** Every feed handler of the stack had produce requests fail, and retried them, since the test started. */
export function produceRefusedCheck(feedHandlers: FeedHandlers, baselines: CounterBaselines): InvariantCheck {
  return {
    name: 'every feed handler had produce requests refused',
    check: async () => produceRefusedObserved(await increaseSince(feedHandlers, baselines, 'feed_handler_produce_errors_total'), Object.keys(feedHandlers)),
  };
}

/** `exchange`'s handler had REST history requests fail, and retried them, since the test started. */
export function fillRetryCheck(feedHandlers: FeedHandlers, baselines: CounterBaselines, exchange: Exchange): InvariantCheck {
  const name = `${exchange}'s handler retried failed REST history requests`;
  return {
    name,
    check: async () => counterObserved({ name, exchange, counts: await increaseSince(feedHandlers, baselines, 'feed_handler_fill_errors_total'), what: 'failed REST history requests', missing: 'no REST history request failed, so the outage never reached the handler\'s gap fill' }),
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
