import type { Exchange } from '../../src/stack/names';
import type { ParsedTrade } from './exchanges/parsed-trade';

/**
 * One trade as the feed handler produces it to `market.crypto.trades.<exchange>.raw`, keyed by
 * `symbol`: a flat JSON object that ClickHouse reads with JSONEachRow (18.16 and 24.x). Only
 * scalars at the top level; the exchange's own payload travels as a JSON string in `raw`.
 */
export interface RawTradeMessage {
  exchange: Exchange;
  /** The exchange's own spelling: `BTCUSDT`, `BTC/USD`, `BTC-USD`. */
  symbol: string;
  /** The exchange trade id, an integer sequential per symbol. */
  trade_id: number;
  price: number;
  quantity: number;
  /** The taker's side. */
  side: 'buy' | 'sell';
  /** 1 when the buyer was the maker (Binance `m`), i.e. the taker sold; 0 otherwise. */
  is_buyer_maker: 0 | 1;
  /** Exchange trade time, Unix milliseconds. */
  exchange_ts_ms: number;
  /** The same time as `YYYY-MM-DD hh:mm:ss` in UTC, for a DateTime column. */
  exchange_time: string;
  /** When the feed handler received the trade, Unix milliseconds. */
  received_ts_ms: number;
  /** `ws` for the live feed, `rest` for trades recovered by gap filling. */
  source: 'ws' | 'rest';
  /** Price as the exchange printed it, exact. */
  price_text: string;
  quantity_text: string;
  /** The exchange's JSON for this one trade (a WebSocket trade object or a REST row), as text. */
  raw: string;
}

/** What the feed handler produces to `market.crypto.trades.<exchange>.dlq`, keyed by exchange. */
export interface DlqMessage {
  exchange: Exchange;
  /** Why the message was rejected, e.g. `invalid JSON: ...` or `trade_id: expected an integer`. */
  reason: string;
  received_ts_ms: number;
  /** The message as received (text, cut at 64 KiB). */
  payload: string;
}

/** Longest payload copied into a DLQ message. */
export const DLQ_PAYLOAD_MAX_CHARS = 65_536;

let cachedSecond = Number.NaN;
let cachedText = '';

/** Unix ms -> `YYYY-MM-DD hh:mm:ss` (UTC). Cached per second: thousands of trades share one. */
export function utcDateTime(ms: number): string {
  const second = Math.floor(ms / 1_000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedText = new Date(second * 1_000).toISOString().slice(0, 19).replace('T', ' ');
  }
  return cachedText;
}

/**
 * The `RawTradeMessage` JSON of one trade, written out directly: this runs for every trade, and a
 * template is cheaper than building an object for JSON.stringify. Same keys, same order.
 */
export function rawTradeJson(exchange: Exchange, t: ParsedTrade, source: 'ws' | 'rest', receivedMs: number): string {
  return `{"exchange":"${exchange}","symbol":${JSON.stringify(t.symbol)},"trade_id":${t.tradeId},"price":${t.price},"quantity":${t.quantity},`
    + `"side":"${t.buyerIsMaker ? 'sell' : 'buy'}","is_buyer_maker":${t.buyerIsMaker ? 1 : 0},"exchange_ts_ms":${t.exchangeTsMs},`
    + `"exchange_time":"${utcDateTime(t.exchangeTsMs)}","received_ts_ms":${receivedMs},"source":"${source}",`
    + `"price_text":${JSON.stringify(t.priceText)},"quantity_text":${JSON.stringify(t.quantityText)},"raw":${JSON.stringify(t.raw)}}`;
}
