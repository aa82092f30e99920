import type { TimedTrade } from '../trade-history';
import { isoMicros, queryInt, type ClientRequest, type WireFormat } from './wire-format';

const MAX_COUNT = 1_000;

/** `BTC/USD`, `BTCUSD` and `XBTUSD` all name the same pair, as on Kraken's REST API. */
const normalizePair = (pair: string) => pair.toUpperCase().replace('/', '').replace(/^XBT/, 'BTC');

function tradeData(symbol: string, t: TimedTrade): string {
  const side = t.buyerIsMaker ? 'sell' : 'buy';
  return `{"symbol":"${symbol}","side":"${side}","price":${t.price},"qty":${t.quantity},"ord_type":"market","trade_id":${t.id},"timestamp":"${isoMicros(t.timeMs)}"}`;
}

function ack(method: string, symbol: string, reqId: unknown, snapshot: boolean, error?: string): string {
  const now = isoMicros(Date.now());
  const base = error
    ? { error, method, success: false, symbol }
    : { method, result: { channel: 'trade', symbol, ...(method === 'subscribe' ? { snapshot } : {}) }, success: true };
  return JSON.stringify({ ...base, time_in: now, time_out: now, ...(reqId !== undefined ? { req_id: reqId } : {}) });
}

function subscription(request: { method: string; params?: unknown; req_id?: unknown }, symbols: string[]): ClientRequest {
  const params = (request.params ?? {}) as { channel?: unknown; symbol?: unknown; snapshot?: unknown };
  if (params.channel !== 'trade' || !Array.isArray(params.symbol)) {
    return { replies: [JSON.stringify({ error: 'Channel or symbol missing/unsupported', method: request.method, success: false, req_id: request.req_id })] };
  }
  const snapshot = params.snapshot !== false;
  const replies: string[] = [];
  const named: string[] = [];
  for (const symbol of params.symbol) {
    if (typeof symbol === 'string' && symbols.includes(symbol)) {
      named.push(symbol);
      replies.push(ack(request.method, symbol, request.req_id, snapshot));
    } else {
      replies.push(ack(request.method, String(symbol), request.req_id, snapshot, `Currency pair not supported ${String(symbol)}`));
    }
  }
  return request.method === 'subscribe' ? { replies, subscribe: named, snapshot } : { replies, unsubscribe: named };
}

/** Kraken WebSocket v2: `/v2`, the `trade` channel, and REST `GET /0/public/Trades`. */
export const krakenWire: WireFormat = {
  matchesWsPath: (path) => path === '/v2',
  pathSubscriptions: () => [],
  greeting: () => [JSON.stringify({ channel: 'status', type: 'update', data: [{ version: '2.0.9', system: 'online', api_version: 'v2', connection_id: Date.now() }] })],
  onClientMessage(text, symbols) {
    let request: { method?: unknown; params?: unknown; req_id?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return { replies: [JSON.stringify({ error: 'Malformed request', success: false })] };
    }
    if (request?.method === 'ping') {
      const now = isoMicros(Date.now());
      return { replies: [JSON.stringify({ method: 'pong', req_id: request.req_id, time_in: now, time_out: now })] };
    }
    if (request?.method === 'subscribe' || request?.method === 'unsubscribe') {
      return subscription(request as { method: string }, symbols);
    }
    return { replies: [JSON.stringify({ error: `Method not supported: ${String(request?.method)}`, success: false, req_id: request?.req_id })] };
  },
  tradeMessages: (symbol, trades, snapshot) =>
    trades.length === 0 ? [] : [`{"channel":"trade","type":"${snapshot ? 'snapshot' : 'update'}","data":[${trades.map((t) => tradeData(symbol, t)).join(',')}]}`],
  stamp: (_connection, message) => message,
  heartbeat: () => '{"channel":"heartbeat"}',
  malformed(kind, symbol, nowMs) {
    const ts = isoMicros(nowMs);
    switch (kind) {
      case 'bad-json': return `{"channel":"trade","type":"update","data":[{"symbol":"${symbol}","side":"buy","price":`;
      case 'missing-field': return `{"channel":"trade","type":"update","data":[{"symbol":"${symbol}","side":"buy","qty":1.5,"ord_type":"market","timestamp":"${ts}"}]}`;
      case 'wrong-type': return `{"channel":"trade","type":"update","data":[{"symbol":"${symbol}","side":7,"price":"lots","qty":[1],"ord_type":"market","trade_id":"abc","timestamp":12}]}`;
    }
  },
  rest(url, history) {
    if (url.pathname !== '/0/public/Trades') return undefined;
    const pair = url.searchParams.get('pair') ?? '';
    const index = history.symbols.findIndex((s) => normalizePair(s) === normalizePair(pair));
    if (!pair || index < 0) return { status: 200, body: { error: ['EQuery:Unknown asset pair'] } };
    const count = queryInt(url, 'count') ?? MAX_COUNT;
    if (Number.isNaN(count) || count < 1 || count > MAX_COUNT) return { status: 200, body: { error: ['EGeneral:Invalid arguments:count'] } };
    const sinceText = url.searchParams.get('since');
    const since = sinceText === null || sinceText === '' ? undefined : Number(sinceText);
    if (since !== undefined && !Number.isFinite(since)) return { status: 200, body: { error: ['EGeneral:Invalid arguments:since'] } };
    // `since` is a Unix time in seconds, or in nanoseconds as Kraken's `last` cursor is; inclusive here.
    const sinceMs = since === undefined ? undefined : Math.floor(since > 1e14 ? since / 1e6 : since * 1_000);
    const last = history.lastId(index);
    const first = sinceMs === undefined ? Math.max(1, last - count + 1) : history.log.idsFrom(index, sinceMs).firstId;
    const trades = history.range(index, first, first + count - 1);
    const rows = trades.map((t) => [t.price, t.quantity, t.timeMs / 1_000, t.buyerIsMaker ? 's' : 'b', 'm', '', t.id]);
    const lastNs = trades.length > 0 ? (BigInt(trades.at(-1)!.timeMs) * 1_000_000n).toString() : sinceText ?? '0';
    return { status: 200, body: { error: [], result: { [pair]: rows, last: lastNs } } };
  },
};
