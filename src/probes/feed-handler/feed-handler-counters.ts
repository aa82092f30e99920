import { parsePrometheusText } from '../../../services/shared/prometheus';
import type { Exchange } from '../../stack/names';

const METRIC = 'feed_handler_spilled_total';
const TIMEOUT_MS = 3_000;

/**
 * How many messages each feed handler has spilled to disk since it started (its
 * `feed_handler_spilled_total` counter), by exchange; a handler that does not answer is left out.
 * Read only.
 */
export async function readSpilledMessages(feedHandlers: Partial<Record<Exchange, { httpUrl: string }>>): Promise<Partial<Record<Exchange, number>>> {
  const entries = await Promise.all(Object.entries(feedHandlers).map(async ([exchange, { httpUrl }]) => {
    try {
      const response = await fetch(`${httpUrl}/metrics`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) return undefined;
      const metrics = parsePrometheusText(await response.text());
      let total = 0;
      for (const [series, value] of metrics) if (series === METRIC || series.startsWith(`${METRIC}{`)) total += value;
      return [exchange, total] as const;
    } catch {
      return undefined;
    }
  }));
  return Object.fromEntries(entries.filter((e) => e !== undefined)) as Partial<Record<Exchange, number>>;
}
