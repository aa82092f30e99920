import type { Exchange } from '../../stack/names';
import { readHandlerMetrics } from './handler-metrics';

const SERIES = 'feed_handler_last_trade_id{';
const SYMBOL_LABEL = /(?:^|,)symbol="([^"]*)"/;

/** Per exchange, each symbol's last trade id its feed handler had acknowledged by the broker. */
export type AckedTradeIds = Partial<Record<Exchange, Record<string, number>>>;

/**
 * Each feed handler's `feed_handler_last_trade_id` by symbol: the newest trade the broker has
 * acknowledged. A handler that does not answer, or has acknowledged nothing since it started,
 * is left out. Read only.
 */
export async function readAckedTradeIds(feedHandlers: Partial<Record<Exchange, { httpUrl: string }>>): Promise<AckedTradeIds> {
  const entries = await Promise.all(Object.entries(feedHandlers).map(async ([exchange, { httpUrl }]) => {
    const metrics = await readHandlerMetrics(httpUrl);
    if (!metrics) return undefined;
    const bySymbol: Record<string, number> = {};
    for (const [series, value] of metrics) {
      if (!series.startsWith(SERIES)) continue;
      const symbol = SYMBOL_LABEL.exec(series.slice(SERIES.length, -1))?.[1];
      if (symbol !== undefined && value > 0) bySymbol[symbol] = value;
    }
    return Object.keys(bySymbol).length > 0 ? ([exchange, bySymbol] as const) : undefined;
  }));
  return Object.fromEntries(entries.filter((e) => e !== undefined)) as AckedTradeIds;
}
