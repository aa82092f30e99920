import type { TradeHistory, TimedTrade } from '../trade-history';

/** The kinds of broken message a simulator can send on request. */
export const MALFORMED_KINDS = ['bad-json', 'missing-field', 'wrong-type'] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** What one client message asks of the feed. */
export interface ClientRequest {
  replies: string[];
  subscribe?: string[];
  unsubscribe?: string[];
  /** Send the last trades of the newly subscribed symbols first (Kraken and Coinbase do). */
  snapshot?: boolean;
}

/** Per-connection state a wire format may keep (Coinbase numbers its messages). */
export interface Connection {
  sequence: number;
}

/** An HTTP answer from a REST handler. */
export interface RestAnswer {
  status: number;
  body: unknown;
}

/** How one exchange speaks: the WebSocket protocol and its REST trade history. */
export interface WireFormat {
  /** Path of the feed (`/ws`, `/v2`, `/`); Binance also accepts `/ws/<stream>`. */
  matchesWsPath(path: string): boolean;
  /** Subscriptions named in the connection path itself (Binance raw streams). */
  pathSubscriptions(path: string, symbols: string[]): string[];
  /** Messages sent when a client connects. */
  greeting(): string[];
  /** Interprets a client message; unknown or bad requests get the exchange's error reply. */
  onClientMessage(text: string, symbols: string[]): ClientRequest;
  /** Messages carrying the trades of one symbol emitted in one tick, oldest first. */
  tradeMessages(symbol: string, trades: TimedTrade[], snapshot: boolean): string[];
  /** Stamps a message for one connection (Coinbase's sequence_num); identity elsewhere. */
  stamp(connection: Connection, message: string): string;
  /** A periodic keep-alive message, if the exchange sends one. */
  heartbeat?(symbols: string[]): string | undefined;
  /** A broken trade message of the given kind for `symbol`. */
  malformed(kind: MalformedKind, symbol: string, nowMs: number): string;
  /** Answers the exchange's trade-history REST paths, or undefined when the path is not one. */
  rest(url: URL, history: TradeHistory): RestAnswer | undefined;
}

/** ISO 8601 with microseconds, the way Kraken and Coinbase print times. */
export function isoMicros(timeMs: number): string {
  return new Date(timeMs).toISOString().replace('Z', '000Z');
}

/** Parses a query integer; undefined when absent, NaN when present but not an integer. */
export function queryInt(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) ? n : Number.NaN;
}
