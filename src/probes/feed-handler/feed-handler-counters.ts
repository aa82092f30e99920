import { parsePrometheusText } from '../../../services/shared/prometheus';
import type { Exchange } from '../../stack/names';

const TIMEOUT_MS = 3_000;

/** The feed handler counters the fault-reached checks read. */
export type FeedHandlerCounter = 'feed_handler_spilled_total' | 'feed_handler_gap_filled_total' | 'feed_handler_fill_errors_total' | 'feed_handler_produce_errors_total';

export type CountsByExchange = Partial<Record<Exchange, number>>;

/**
 * One counter of each feed handler since it started (summed over its series), by exchange; a
 * handler that does not answer is left out. Read only.
 */
export async function readFeedHandlerCounter(feedHandlers: Partial<Record<Exchange, { httpUrl: string }>>, metric: FeedHandlerCounter): Promise<CountsByExchange> {
  const entries = await Promise.all(Object.entries(feedHandlers).map(async ([exchange, { httpUrl }]) => {
    try {
      const response = await fetch(`${httpUrl}/metrics`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) return undefined;
      const metrics = parsePrometheusText(await response.text());
      let total = 0;
      for (const [series, value] of metrics) if (series === metric || series.startsWith(`${metric}{`)) total += value;
      return [exchange, total] as const;
    } catch {
      return undefined;
    }
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
