import { getJson, partition, REST_PAGE_LIMIT, restPath, type ExchangeAdapter, type FillPage } from './exchange-adapter';
import { decimal, describe, isObject, isoTimeMs, oneOf, parseJson, readElement, str, tradeId, type ParseResult, type ParsedTrade } from './parsed-trade';

const CONTROL_CHANNELS = new Set(['subscriptions', 'heartbeats']);
/** Pages walked back per fill; a gap larger than this many pages is filled over several calls. */
const MAX_PAGES_PER_FILL = 200;

/**
 * Trade objects are the same on the feed and in the ticker answer. `side` is the maker's
 * (Advanced Trade WebSocket channels, market_trades: "refers to the makers side").
 */
function trade(obj: Record<string, unknown>): ParsedTrade {
  const price = decimal(obj, 'price', 'string');
  const quantity = decimal(obj, 'size', 'string');
  return {
    symbol: str(obj, 'product_id'), tradeId: tradeId(obj, 'trade_id', 'string'), price: price.value, quantity: quantity.value,
    priceText: price.text, quantityText: quantity.text, buyerIsMaker: oneOf(obj, 'side', ['BUY', 'SELL'] as const) === 'BUY',
    exchangeTsMs: isoTimeMs(obj, 'time'), raw: JSON.stringify(obj),
  };
}

/** Coinbase Advanced Trade `market_trades` channel and the public product ticker. */
export const coinbaseAdapter: ExchangeAdapter = {
  subscribeMessages: (symbols) => [JSON.stringify({ type: 'subscribe', product_ids: symbols, channel: 'market_trades' })],
  parse(text): ParseResult {
    const json = parseJson(text);
    if ('error' in json) return { trades: [], rejected: [{ reason: json.error, payload: text }] };
    const msg = json.value;
    if (!isObject(msg)) return { trades: [], rejected: [{ reason: 'expected a JSON object', payload: text }] };
    if (msg.type === 'error') return { trades: [], rejected: [], exchangeError: String(msg.message ?? text) };
    if (typeof msg.channel === 'string' && CONTROL_CHANNELS.has(msg.channel)) return { trades: [], rejected: [] };
    if (msg.channel !== 'market_trades') return { trades: [], rejected: [{ reason: `unknown message: channel=${describe(msg.channel)}`, payload: text }] };
    if (!Array.isArray(msg.events)) return { trades: [], rejected: [{ reason: `events: expected an array, got ${describe(msg.events)}`, payload: text }] };
    const items: Array<ParsedTrade | { reason: string; payload: string }> = [];
    for (const event of msg.events) {
      if (!isObject(event) || !Array.isArray(event.trades)) {
        items.push({ reason: `events[]: expected {type, trades: [...]}, got ${describe(event)}`, payload: JSON.stringify(event) ?? '' });
        continue;
      }
      for (const element of event.trades) items.push(readElement(element, trade, 'trade'));
    }
    return partition(items);
  },
  async fetchAfter(restUrl, symbol, from): Promise<FillPage> {
    // The ticker answers the newest trades of a window, so walk back from now to the gap's start.
    const startS = ((from.timeMs - 1) / 1_000).toFixed(3);
    let endS = (Date.now() / 1_000 + 1).toFixed(3);
    const byId = new Map<number, ParsedTrade>();
    const rejected: FillPage['rejected'] = [];
    for (let page = 0; page < MAX_PAGES_PER_FILL; page++) {
      const url = restPath(restUrl, `/api/v3/brokerage/market/products/${encodeURIComponent(symbol)}/ticker?limit=${REST_PAGE_LIMIT}&start=${startS}&end=${endS}`);
      const body = await getJson(url);
      if (!isObject(body) || !Array.isArray(body.trades)) throw new Error(`GET ${url}: expected {trades: [...]}`);
      const parsed = partition(body.trades.map((element) => readElement(element, trade, 'ticker trade')));
      rejected.push(...parsed.rejected);
      for (const t of parsed.trades) if (t.tradeId > from.tradeId && t.symbol === symbol) byId.set(t.tradeId, t);
      const oldest = parsed.trades.reduce<ParsedTrade | undefined>((min, t) => (!min || t.tradeId < min.tradeId ? t : min), undefined);
      if (body.trades.length < REST_PAGE_LIMIT || !oldest || oldest.tradeId <= from.tradeId + 1) break;
      const nextEnd = (oldest.exchangeTsMs / 1_000).toFixed(3);
      if (nextEnd === endS) throw new Error(`Coinbase ticker for ${symbol}: over ${REST_PAGE_LIMIT} trades at ${oldest.exchangeTsMs}; cannot page further back`);
      endS = nextEnd;
    }
    const trades = [...byId.values()].sort((a, b) => a.tradeId - b.tradeId);
    // If the walk stopped early, keep only the contiguous run from the gap's start; the rest comes next call.
    const contiguous: ParsedTrade[] = [];
    for (const t of trades) {
      if (t.tradeId !== from.tradeId + 1 + contiguous.length) break;
      contiguous.push(t);
    }
    return { trades: contiguous.length > 0 ? contiguous : trades, rejected };
  },
};
