import type { TimedTrade } from '../trade-history';
import { isoMicros, queryInt, type WireFormat } from './wire-format';

const MAX_LIMIT = 1_000;
const TICKER_PATH = /^\/api\/v3\/brokerage(?:\/market)?\/products\/([^/]+)\/ticker$/;

/**
 * Coinbase reports the maker's side: "Each market trade belongs to a side, which refers to the
 * makers side" (Advanced Trade WebSocket channels, market_trades; the Exchange API says the same).
 */
const side = (t: TimedTrade) => (t.buyerIsMaker ? 'BUY' : 'SELL');

function tradeJson(symbol: string, t: TimedTrade): string {
  return `{"trade_id":"${t.id}","product_id":"${symbol}","price":"${t.price}","size":"${t.quantity}","side":"${side(t)}","time":"${isoMicros(t.timeMs)}"}`;
}

function envelope(channel: string, events: string): string {
  return `{"channel":"${channel}","client_id":"","timestamp":"${isoMicros(Date.now())}","events":${events}}`;
}

/** Seconds since the epoch (fractions allowed) -> ms; undefined when absent, NaN when bad. */
function querySecondsMs(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.floor(n * 1_000) : Number.NaN;
}

const notFound = (message: string) => ({ status: 404, body: { error: 'NOT_FOUND', message, error_details: message } });
const invalid = (message: string) => ({ status: 400, body: { error: 'INVALID_ARGUMENT', message, error_details: message } });

/** Coinbase Advanced Trade: `market_trades` channel, and `GET /api/v3/brokerage/market/products/{id}/ticker`. */
export const coinbaseWire: WireFormat = {
  matchesWsPath: (path) => path === '/',
  pathSubscriptions: () => [],
  greeting: () => [],
  onClientMessage(text, symbols) {
    let request: { type?: unknown; product_ids?: unknown; channel?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return { replies: [JSON.stringify({ type: 'error', message: 'failure to unmarshal message' })] };
    }
    if (request?.type !== 'subscribe' && request?.type !== 'unsubscribe') {
      return { replies: [JSON.stringify({ type: 'error', message: `unsupported message type ${String(request?.type)}` })] };
    }
    if (request.channel !== 'market_trades') {
      return { replies: [JSON.stringify({ type: 'error', message: `unsupported channel ${String(request.channel)}` })] };
    }
    const ids = Array.isArray(request.product_ids) ? request.product_ids : [];
    const unknown = ids.filter((id) => typeof id !== 'string' || !symbols.includes(id));
    if (unknown.length > 0) return { replies: [JSON.stringify({ type: 'error', message: `unknown product_ids ${unknown.join(',')}` })] };
    const named = ids as string[];
    const reply = envelope('subscriptions', JSON.stringify([{ subscriptions: { market_trades: named } }]));
    return request.type === 'subscribe' ? { replies: [reply], subscribe: named, snapshot: true } : { replies: [reply], unsubscribe: named };
  },
  tradeMessages: (symbol, trades, snapshot) =>
    trades.length === 0 ? [] : [envelope('market_trades', `[{"type":"${snapshot ? 'snapshot' : 'update'}","trades":[${trades.map((t) => tradeJson(symbol, t)).join(',')}]}]`)],
  stamp(connection, message) {
    return `{"sequence_num":${connection.sequence++},${message.slice(1)}`;
  },
  malformed(kind, symbol, nowMs) {
    const time = isoMicros(nowMs);
    switch (kind) {
      case 'bad-json': return envelope('market_trades', `[{"type":"update","trades":[{"trade_id":"1","product_id":"${symbol}"`).slice(0, -1);
      case 'missing-field': return envelope('market_trades', `[{"type":"update","trades":[{"product_id":"${symbol}","size":"1.0","side":"BUY","time":"${time}"}]}]`);
      case 'wrong-type': return envelope('market_trades', `[{"type":"update","trades":[{"trade_id":"abc","product_id":"${symbol}","price":true,"size":{"n":1},"side":"UP","time":5}]}]`);
    }
  },
  rest(url, history) {
    const match = TICKER_PATH.exec(url.pathname);
    if (!match) return undefined;
    const product = decodeURIComponent(match[1]!);
    const index = history.indexOf(product);
    if (index === undefined) return notFound(`ProductID ${product} could not be found`);
    // `limit` is required (Advanced Trade REST, Get Public Market Trades).
    const limit = queryInt(url, 'limit');
    if (limit === undefined) return invalid('limit is required');
    if (Number.isNaN(limit) || limit < 1 || limit > MAX_LIMIT) return invalid(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    const startMs = querySecondsMs(url, 'start');
    const endMs = querySecondsMs(url, 'end');
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) return invalid('start and end must be UNIX timestamps in seconds');
    const firstId = startMs === undefined ? 1 : history.log.idsFrom(index, startMs).firstId;
    const lastId = endMs === undefined ? history.lastId(index) : history.log.idsFrom(index, endMs + 1).firstId - 1;
    // Newest first, the most recent `limit` trades of the window, as the real ticker answers.
    const trades = history.range(index, Math.max(firstId, lastId - limit + 1), lastId).reverse();
    const body = trades.map((t) => ({
      trade_id: String(t.id), product_id: product, price: t.price, size: t.quantity, time: isoMicros(t.timeMs), side: side(t), exchange: 'coinbase',
    }));
    return { status: 200, body: { trades: body, best_bid: '', best_ask: '' } };
  },
};
