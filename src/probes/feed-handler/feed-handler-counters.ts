import type { Exchange } from '../../stack/names';
import { readHandlerMetrics } from './handler-metrics';

/** The feed handler counters the fault-reached checks read. */
export type FeedHandlerCounter = 'feed_handler_spilled_total' | 'feed_handler_gap_filled_total' | 'feed_handler_fill_errors_total' | 'feed_handler_produce_errors_total';

export type CountsByExchange = Partial<Record<Exchange, number>>;

/**
 * One counter of each feed handler since it started (summed over its series), by exchange; a
 * handler that does not answer is left out. Read only.
 */
export async function readFeedHandlerCounter(feedHandlers: Partial<Record<Exchange, { httpUrl: string }>>, metric: FeedHandlerCounter): Promise<CountsByExchange> {
  const entries = await Promise.all(Object.entries(feedHandlers).map(async ([exchange, { httpUrl }]) => {
    const metrics = await readHandlerMetrics(httpUrl);
    if (!metrics) return undefined;
    let total = 0;
    for (const [series, value] of metrics) if (series === metric || series.startsWith(`${metric}{`)) total += value;
    return [exchange, total] as const;
  }));
  return Object.fromEntries(entries.filter((e) => e !== undefined)) as CountsByExchange;
}

/** How far each counter moved since `before`; a counter that went down restarted, so it counts from 0. */
export function counterIncrease(before: CountsByExchange, now: CountsByExchange): CountsByExchange {
  return Object.fromEntries(Object.entries(now).map(([e, n]) => {
    const was = before[e as Exchange] ?? 0;
    return [e, n >= was ? n - was : n];
  }));
}
