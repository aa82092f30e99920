import { getJson, partition, REST_PAGE_LIMIT, restPath, type ExchangeAdapter, type FillPage } from './exchange-adapter';
import { decimal, describe, FieldError, isObject, isoTimeMs, oneOf, parseJson, readElement, str, tradeId, type ParseResult, type ParsedTrade } from './parsed-trade';

/** Pages of already-seen trades skipped before a fill gives up (many trades on one timestamp). */
const MAX_SKIP_PAGES = 20;
const CONTROL_CHANNELS = new Set(['heartbeat', 'status']);

function wsTrade(obj: Record<string, unknown>): ParsedTrade {
  const price = decimal(obj, 'price', 'number');
  const quantity = decimal(obj, 'qty', 'number');
  return {
    symbol: str(obj, 'symbol'), tradeId: tradeId(obj, 'trade_id', 'number'), price: price.value, quantity: quantity.value,
    priceText: price.text, quantityText: quantity.text, buyerIsMaker: oneOf(obj, 'side', ['buy', 'sell'] as const) === 'sell',
    exchangeTsMs: isoTimeMs(obj, 'timestamp'), raw: JSON.stringify(obj),
  };
}

/** A REST row `[price, volume, time, b|s, m|l, misc, trade_id]`. */
function restRow(symbol: string, row: unknown): ParsedTrade | { reason: string; payload: string } {
  const payload = JSON.stringify(row) ?? String(row);
  if (!Array.isArray(row) || row.length < 7) return { reason: `Trades row: expected [price, volume, time, side, type, misc, trade_id], got ${describe(row)}`, payload };
  const [priceText, volumeText, time, side, , , id] = row as unknown[];
  return readElement({ price: priceText, qty: volumeText, time, side, id }, (obj) => {
    const price = decimal(obj, 'price', 'string');
    const quantity = decimal(obj, 'qty', 'string');
    const seconds = obj.time;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) throw new FieldError(`time: expected Unix seconds, got ${describe(seconds)}`);
    return {
      symbol, tradeId: tradeId(obj, 'id', 'number'), price: price.value, quantity: quantity.value, priceText: price.text, quantityText: quantity.text,
      buyerIsMaker: oneOf(obj, 'side', ['b', 's'] as const) === 's', exchangeTsMs: Math.round(seconds * 1_000), raw: payload,
    };
  }, 'Trades row');
}

/** Kraken WebSocket v2 `trade` channel and REST `GET /0/public/Trades`. */
export const krakenAdapter: ExchangeAdapter = {
  subscribeMessages: (symbols) => [JSON.stringify({ method: 'subscribe', params: { channel: 'trade', symbol: symbols, snapshot: false } })],
  parse(text): ParseResult {
    const json = parseJson(text);
    if ('error' in json) return { trades: [], rejected: [{ reason: json.error, payload: text }] };
    const msg = json.value;
    if (!isObject(msg)) return { trades: [], rejected: [{ reason: 'expected a JSON object', payload: text }] };
    if (typeof msg.method === 'string') {
      return msg.success === false ? { trades: [], rejected: [], exchangeError: String(msg.error ?? text) } : { trades: [], rejected: [] };
    }
    if (typeof msg.channel === 'string' && CONTROL_CHANNELS.has(msg.channel)) return { trades: [], rejected: [] };
    if (msg.channel !== 'trade') return { trades: [], rejected: [{ reason: `unknown message: channel=${describe(msg.channel)}`, payload: text }] };
    if (!Array.isArray(msg.data)) return { trades: [], rejected: [{ reason: `data: expected an array, got ${describe(msg.data)}`, payload: text }] };
    return partition(msg.data.map((element) => readElement(element, wsTrade, 'trade')));
  },
  async fetchAfter(restUrl, symbol, from): Promise<FillPage> {
    // One ms early because `since` may be exclusive on the real API; ids filter the overlap.
    let since = ((from.timeMs - 1) / 1_000).toFixed(3);
    const rejected: FillPage['rejected'] = [];
    for (let page = 0; page < MAX_SKIP_PAGES; page++) {
      const url = restPath(restUrl, `/0/public/Trades?pair=${encodeURIComponent(symbol)}&since=${since}&count=${REST_PAGE_LIMIT}`);
      const body = await getJson(url);
      if (!isObject(body) || !Array.isArray(body.error) || body.error.length > 0 || !isObject(body.result)) {
        throw new Error(`GET ${url}: Kraken error ${JSON.stringify(isObject(body) ? body.error : body)}`);
      }
      const key = Object.keys(body.result).find((k) => k !== 'last');
      const rows = key ? body.result[key] : [];
      if (!Array.isArray(rows)) throw new Error(`GET ${url}: result.${key} is not an array`);
      const parsed = partition(rows.map((row) => restRow(symbol, row)));
      rejected.push(...parsed.rejected);
      const trades = parsed.trades.filter((t) => t.tradeId > from.tradeId).sort((a, b) => a.tradeId - b.tradeId);
      if (trades.length > 0 || rows.length < REST_PAGE_LIMIT) return { trades, rejected };
      const last = body.result.last;
      if (typeof last !== 'string' && typeof last !== 'number') throw new Error(`GET ${url}: no "last" cursor`);
      if (String(last) === since) break;
      since = String(last);
    }
    throw new Error(`Kraken Trades for ${symbol}: no trade after id ${from.tradeId} within ${MAX_SKIP_PAGES} pages from ${from.timeMs}`);
  },
};
