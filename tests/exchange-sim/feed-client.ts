import WebSocket from 'ws';
import { z } from 'zod';
import type { Exchange } from '../../src/stack/names';

/** A trade as every exchange's feed carries it, for comparing the three formats. */
export interface SeenTrade {
  symbol: string;
  id: number;
  price: string;
  quantity: string;
  buyerIsMaker: boolean;
  timeMs: number;
}

const decimalText = z.string().regex(/^\d+\.\d+$/);
const iso = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

/** The documented shapes, strict enough that a missing or mistyped field fails. */
const SCHEMAS = {
  binance: z.object({ e: z.literal('trade'), E: z.number().int(), s: z.string(), t: z.number().int().positive(), p: decimalText, q: decimalText, T: z.number().int(), m: z.boolean(), M: z.boolean() }),
  kraken: z.object({
    channel: z.literal('trade'), type: z.enum(['snapshot', 'update']),
    data: z.array(z.object({ symbol: z.string(), side: z.enum(['buy', 'sell']), price: z.number().positive(), qty: z.number().positive(), ord_type: z.string(), trade_id: z.number().int().positive(), timestamp: iso })).min(1),
  }),
  coinbase: z.object({
    channel: z.literal('market_trades'), client_id: z.string(), timestamp: iso, sequence_num: z.number().int().nonnegative(),
    events: z.array(z.object({ type: z.enum(['snapshot', 'update']), trades: z.array(z.object({ trade_id: z.string().regex(/^\d+$/), product_id: z.string(), price: decimalText, size: decimalText, side: z.enum(['BUY', 'SELL']), time: iso })) })),
  }),
} as const;

/** Trade messages in `text`, validated against the exchange's schema; throws naming what is wrong. */
export function tradesOf(exchange: Exchange, text: string): SeenTrade[] | undefined {
  const json = JSON.parse(text) as Record<string, unknown>;
  if (exchange === 'binance' && json.e === 'trade') {
    const m = SCHEMAS.binance.parse(json);
    return [{ symbol: m.s, id: m.t, price: m.p, quantity: m.q, buyerIsMaker: m.m, timeMs: m.T }];
  }
  if (exchange === 'kraken' && json.channel === 'trade') {
    // Kraken sends numbers; compare them as numbers printed back.
    return SCHEMAS.kraken.parse(json).data.map((t) => ({ symbol: t.symbol, id: t.trade_id, price: String(t.price), quantity: String(t.qty), buyerIsMaker: t.side === 'sell', timeMs: Date.parse(t.timestamp) }));
  }
  if (exchange === 'coinbase' && json.channel === 'market_trades') {
    return SCHEMAS.coinbase.parse(json).events.flatMap((e) => e.trades.map((t) => ({
      symbol: t.product_id, id: Number(t.trade_id), price: t.price, quantity: t.size, buyerIsMaker: t.side === 'SELL', timeMs: Date.parse(t.time),
    })));
  }
  return undefined;
}

export function subscribeMessage(exchange: Exchange, symbols: string[]): string {
  switch (exchange) {
    case 'binance': return JSON.stringify({ method: 'SUBSCRIBE', params: symbols.map((s) => `${s.toLowerCase()}@trade`), id: 1 });
    case 'kraken': return JSON.stringify({ method: 'subscribe', params: { channel: 'trade', symbol: symbols, snapshot: false } });
    case 'coinbase': return JSON.stringify({ type: 'subscribe', product_ids: symbols, channel: 'market_trades' });
  }
}

/** A subscribed WebSocket client that keeps every message it receives. */
export class FeedClient {
  readonly messages: string[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(data.toString()));
  }

  static async connect(url: string, subscribe?: string): Promise<FeedClient> {
    const socket = new WebSocket(url);
    const client = new FeedClient(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    if (subscribe) socket.send(subscribe);
    return client;
  }

  /** Every trade received; throws on a message that is not well-formed. */
  trades(exchange: Exchange): SeenTrade[] {
    return this.messages.flatMap((m) => tradesOf(exchange, m) ?? []);
  }

  /** Trades from the well-formed messages only, and the messages that were not. */
  sorted(exchange: Exchange): { trades: SeenTrade[]; broken: string[] } {
    const trades: SeenTrade[] = [];
    const broken: string[] = [];
    for (const m of this.messages) {
      try {
        trades.push(...(tradesOf(exchange, m) ?? []));
      } catch {
        broken.push(m);
      }
    }
    return { trades, broken };
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Checks ids per symbol run on by one with no gap or repeat; returns a description of the first break. */
export function firstBreak(trades: SeenTrade[]): string | undefined {
  const last = new Map<string, number>();
  for (const t of trades) {
    const prev = last.get(t.symbol);
    if (prev !== undefined && t.id !== prev + 1) return `${t.symbol}: id ${t.id} after ${prev}`;
    last.set(t.symbol, t.id);
  }
  return undefined;
}
