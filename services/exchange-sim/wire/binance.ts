import type { TimedTrade } from '../trade-history';
import { queryInt, type WireFormat } from './wire-format';

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 1_000;

function streamSymbol(stream: unknown, symbols: string[]): string | undefined {
  if (typeof stream !== 'string' || !stream.endsWith('@trade')) return undefined;
  const wanted = stream.slice(0, -'@trade'.length).toUpperCase();
  return symbols.find((s) => s === wanted);
}

function tradeEvent(symbol: string, t: TimedTrade): string {
  return `{"e":"trade","E":${t.timeMs},"s":"${symbol}","t":${t.id},"p":"${t.price}","q":"${t.quantity}","T":${t.timeMs},"m":${t.buyerIsMaker},"M":true}`;
}

const error = (code: number, msg: string) => ({ status: 400, body: { code, msg } });

/** Binance spot: `/ws` raw streams, `<symbol>@trade` events, `GET /api/v3/historicalTrades`. */
export const binanceWire: WireFormat = {
  matchesWsPath: (path) => path === '/ws' || path.startsWith('/ws/'),
  pathSubscriptions: (path, symbols) =>
    path.startsWith('/ws/') ? path.slice(4).split('/').map((s) => streamSymbol(s, symbols)).filter((s): s is string => !!s) : [],
  greeting: () => [],
  onClientMessage(text, symbols) {
    let request: { method?: unknown; params?: unknown; id?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return { replies: [JSON.stringify({ error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } })] };
    }
    const id = request?.id ?? null;
    const params = Array.isArray(request?.params) ? request.params : [];
    if (request?.method === 'SUBSCRIBE' || request?.method === 'UNSUBSCRIBE') {
      const named = params.map((p) => streamSymbol(p, symbols)).filter((s): s is string => !!s);
      const reply = JSON.stringify({ result: null, id });
      return request.method === 'SUBSCRIBE' ? { replies: [reply], subscribe: named } : { replies: [reply], unsubscribe: named };
    }
    return { replies: [JSON.stringify({ error: { code: 2, msg: `Invalid request: unknown method ${String(request?.method)}` }, id })] };
  },
  tradeMessages: (symbol, trades) => trades.map((t) => tradeEvent(symbol, t)),
  stamp: (_connection, message) => message,
  malformed(kind, symbol, nowMs) {
    switch (kind) {
      case 'bad-json': return `{"e":"trade","E":${nowMs},"s":"${symbol}","t":`;
      case 'missing-field': return `{"e":"trade","E":${nowMs},"s":"${symbol}","p":"1.00","q":"1.00","T":${nowMs},"m":true,"M":true}`;
      case 'wrong-type': return `{"e":"trade","E":${nowMs},"s":"${symbol}","t":"not-a-number","p":{"value":1},"q":"1.00","T":"yesterday","m":"maybe","M":true}`;
    }
  },
  rest(url, history) {
    if (url.pathname !== '/api/v3/historicalTrades' && url.pathname !== '/api/v3/trades') return undefined;
    const symbol = url.searchParams.get('symbol') ?? '';
    const index = history.indexOf(symbol.toUpperCase());
    if (!symbol) return error(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    if (index === undefined) return error(-1121, 'Invalid symbol.');
    const limit = queryInt(url, 'limit') ?? DEFAULT_LIMIT;
    if (Number.isNaN(limit) || limit < 1 || limit > MAX_LIMIT) return error(-1100, "Illegal characters found in parameter 'limit'; legal range is '1..1000'.");
    const fromId = url.pathname === '/api/v3/historicalTrades' ? queryInt(url, 'fromId') : undefined;
    if (Number.isNaN(fromId)) return error(-1100, "Illegal characters found in parameter 'fromId'; legal range is '^[0-9]{1,20}$'.");
    const last = history.lastId(index);
    const first = fromId ?? Math.max(1, last - limit + 1);
    const body = history.range(index, first, first + limit - 1).map((t) => ({
      id: t.id,
      price: t.price,
      qty: t.quantity,
      quoteQty: (Number(t.price) * Number(t.quantity)).toFixed(8),
      time: t.timeMs,
      isBuyerMaker: t.buyerIsMaker,
      isBestMatch: true,
    }));
    return { status: 200, body };
  },
};
