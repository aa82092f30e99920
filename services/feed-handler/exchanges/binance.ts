import { getJson, partition, REST_PAGE_LIMIT, restPath, type ExchangeAdapter } from './exchange-adapter';
import { decimal, epochMs, isObject, parseJson, readElement, str, tradeId, type ParseResult, type ParsedTrade } from './parsed-trade';

function wsTrade(obj: Record<string, unknown>, raw: string): ParsedTrade {
  const price = decimal(obj, 'p', 'string');
  const quantity = decimal(obj, 'q', 'string');
  if (typeof obj.m !== 'boolean') throw new Error(`m: expected a boolean, got ${JSON.stringify(obj.m) ?? 'nothing (missing)'}`);
  return {
    symbol: str(obj, 's'), tradeId: tradeId(obj, 't', 'number'), price: price.value, quantity: quantity.value,
    priceText: price.text, quantityText: quantity.text, buyerIsMaker: obj.m, exchangeTsMs: epochMs(obj, 'T'), raw,
  };
}

function restTrade(symbol: string) {
  return (obj: Record<string, unknown>): ParsedTrade => {
    const price = decimal(obj, 'price', 'string');
    const quantity = decimal(obj, 'qty', 'string');
    if (typeof obj.isBuyerMaker !== 'boolean') throw new Error('isBuyerMaker: expected a boolean');
    return {
      symbol, tradeId: tradeId(obj, 'id', 'number'), price: price.value, quantity: quantity.value, priceText: price.text,
      quantityText: quantity.text, buyerIsMaker: obj.isBuyerMaker, exchangeTsMs: epochMs(obj, 'time'), raw: JSON.stringify(obj),
    };
  };
}

/** Binance spot: `<symbol>@trade` streams and `GET /api/v3/historicalTrades`. */
export const binanceAdapter: ExchangeAdapter = {
  subscribeMessages: (symbols) => [JSON.stringify({ method: 'SUBSCRIBE', params: symbols.map((s) => `${s.toLowerCase()}@trade`), id: 1 })],
  parse(text): ParseResult {
    const json = parseJson(text);
    if ('error' in json) return { trades: [], rejected: [{ reason: json.error, payload: text }] };
    // Combined streams wrap the event as {stream, data}.
    const event = isObject(json.value) && isObject(json.value.data) && typeof json.value.stream === 'string' ? json.value.data : json.value;
    if (!isObject(event)) return { trades: [], rejected: [{ reason: 'expected a JSON object', payload: text }] };
    if ('result' in event && 'id' in event) return { trades: [], rejected: [] };
    if (isObject(event.error)) return { trades: [], rejected: [], exchangeError: JSON.stringify(event.error) };
    if (event.e !== 'trade') return { trades: [], rejected: [{ reason: `unknown message: e=${JSON.stringify(event.e) ?? 'missing'}`, payload: text }] };
    const item = readElement(event, (obj) => wsTrade(obj, text), 'trade');
    return 'reason' in item ? { trades: [], rejected: [{ reason: item.reason, payload: text }] } : { trades: [item], rejected: [] };
  },
  async fetchAfter(restUrl, symbol, from) {
    const url = restPath(restUrl, `/api/v3/historicalTrades?symbol=${encodeURIComponent(symbol)}&fromId=${from.tradeId + 1}&limit=${REST_PAGE_LIMIT}`);
    const body = await getJson(url);
    if (!Array.isArray(body)) throw new Error(`GET ${url}: expected an array of trades`);
    const page = partition(body.map((row) => readElement(row, restTrade(symbol), 'historicalTrades row')));
    return { trades: page.trades.filter((t) => t.tradeId > from.tradeId).sort((a, b) => a.tradeId - b.tradeId), rejected: page.rejected };
  },
};
