import type { ParseResult, ParsedTrade, Rejected } from './parsed-trade';

/** Most trades one REST page asks for; the three exchanges cap at 1,000. */
export const REST_PAGE_LIMIT = 1_000;
const REST_TIMEOUT_MS = 10_000;

/** Where the gap starts: the last trade produced for a symbol. */
export interface FillFrom {
  tradeId: number;
  timeMs: number;
}

/** A page of REST history: trades after the requested id, oldest first. */
export interface FillPage {
  trades: ParsedTrade[];
  rejected: Rejected[];
}

/** How the feed handler speaks to one exchange. */
export interface ExchangeAdapter {
  /** Messages that subscribe to the trades of `symbols` (sent after every connect). */
  subscribeMessages(symbols: string[]): string[];
  /** Parses one WebSocket text message. Never throws. */
  parse(text: string): ParseResult;
  /**
   * Trades of `symbol` with ids above `from.tradeId`, oldest first. An empty page means the
   * history has nothing newer. Throws on transport or HTTP errors (the caller retries).
   */
  fetchAfter(restUrl: string, symbol: string, from: FillFrom): Promise<FillPage>;
}

/** A REST error; `retryAfterMs` when the exchange said how long to wait (HTTP 429 or 418). */
export class RestError extends Error {
  override name = 'RestError';
  constructor(message: string, readonly status: number, readonly retryAfterMs?: number) {
    super(message);
  }
}

/**
 * GET a JSON document, with a timeout and an error naming the URL and status. A `Retry-After`
 * header (seconds) travels on the error: Binance sends it with 429 (rate limit) and 418 (banned
 * IP), "the number of seconds required to wait" (spot REST API docs, LIMITS).
 */
export async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(REST_TIMEOUT_MS) });
  const text = await res.text();
  if (!res.ok) {
    const retryAfterS = Number(res.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(retryAfterS) && retryAfterS > 0 ? retryAfterS * 1_000 : undefined;
    throw new RestError(`GET ${url}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status, retryAfterMs);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`GET ${url}: answer is not JSON: ${text.slice(0, 200)}`);
  }
}

/** Joins a base URL (which may carry a path prefix) and an API path. */
export function restPath(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** Splits parsed elements into trades and rejects. */
export function partition(items: Array<ParsedTrade | { reason: string; payload: string }>): FillPage {
  const trades: ParsedTrade[] = [];
  const rejected: Rejected[] = [];
  for (const item of items) ('reason' in item ? rejected : trades).push(item as never);
  return { trades, rejected };
}
