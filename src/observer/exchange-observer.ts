import { setTimeout as sleep } from 'node:timers/promises';
import { ExchangeConnection } from '../../services/feed-handler/exchange-connection';
import { RestError, type ExchangeAdapter } from '../../services/feed-handler/exchanges/exchange-adapter';
import { ADAPTERS } from '../../services/feed-handler/feed-handler';
import type { ObserverRecord } from '../report-model/chaos-record';
import type { Exchange } from '../stack/names';
import { SymbolRecord, type WindowAnswer } from './symbol-record';

/**
 * REST calls of one observer are this far apart at least; the public limits are per IP:
 * Binance historicalTrades weighs 25 of 6,000 a minute (spot REST API docs), Kraken's Trades
 * stays within its limit at "1 per second (or less)" per pair (Kraken support, REST rate limits).
 */
const REST_MIN_INTERVAL_MS: Record<Exchange, number> = { binance: 250, kraken: 1_000, coinbase: 250 };
const REST_BACKOFF_MAX_MS = 30_000;
/** A gap open this long, or a feed silent this long, means the observer has fallen behind. */
export const OBSERVER_MAX_GAP_AGE_MS = 30_000;
export const OBSERVER_MAX_SILENCE_MS = 15_000;

export interface ExchangeObserverOptions {
  exchange: Exchange;
  wsUrl: string;
  restUrl: string;
  symbols: string[];
}

/** The observer's own state; its record in run.json (`tests[].observers`). */
export type ObserverHealth = ObserverRecord & { exchange: Exchange };

/**
 * An independent witness of one exchange's public feed, in the test process and outside every
 * fault: its own WebSocket subscription to the stack's symbols, every trade id recorded with its
 * exchange time, and its own gaps (a reconnect, a skipped message) filled through the exchange's
 * public REST trade history. What it saw is the ground truth when no simulator can be asked.
 */
export class ExchangeObserver {
  readonly exchange: Exchange;
  readonly startedAtMs = Date.now();
  private readonly records = new Map<string, SymbolRecord>();
  private readonly connection: ExchangeConnection;
  private readonly adapter: ExchangeAdapter;
  private readonly gapSince = new Map<string, number>();
  private lastMessageMs = Date.now();
  private reconnectCount = 0;
  private tradeCount = 0;
  private restCallCount = 0;
  private lastError: string | undefined;
  private filling: Promise<void> | undefined;
  private stopped = false;
  private everConnected = false;

  constructor(private readonly options: ExchangeObserverOptions) {
    this.exchange = options.exchange;
    this.adapter = ADAPTERS[options.exchange];
    for (const symbol of options.symbols) this.records.set(symbol, new SymbolRecord());
    this.connection = new ExchangeConnection(options.wsUrl, this.adapter.subscribeMessages(options.symbols), {
      onOpen: () => {
        if (this.everConnected) this.reconnectCount += 1;
        this.everConnected = true;
      },
      onMessage: (text) => this.onMessage(text),
      onClose: (reason) => {
        this.lastError = `feed closed: ${reason}`;
      },
    });
  }

  start(): this {
    this.connection.start();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.connection.stop();
    await this.filling;
  }

  private onMessage(text: string): void {
    this.lastMessageMs = Date.now();
    const parsed = this.adapter.parse(text);
    for (const trade of parsed.trades) this.record(trade.symbol, trade.tradeId, trade.exchangeTsMs);
    if (parsed.exchangeError) this.lastError = `exchange error: ${parsed.exchangeError}`;
  }

  private record(symbol: string, id: number, timeMs: number): void {
    const record = this.records.get(symbol);
    if (!record) return;
    const before = record.missing;
    record.add(id, timeMs);
    this.tradeCount += 1;
    if (record.missing > before) {
      if (!this.gapSince.has(symbol)) this.gapSince.set(symbol, Date.now());
      this.filling ??= this.fillGaps().finally(() => {
        this.filling = undefined;
      });
    }
  }

  /** Closes every open gap through REST, one call at a time, backing off on errors (rate limits included). */
  private async fillGaps(): Promise<void> {
    const minIntervalMs = REST_MIN_INTERVAL_MS[this.exchange];
    let backoffMs = minIntervalMs;
    while (!this.stopped) {
      const next = [...this.records].map(([symbol, record]) => ({ symbol, record, gap: record.gaps(1)[0] })).find((g) => g.gap);
      if (!next) return;
      const [fromId] = next.gap!;
      const afterTimeMs = next.record.timeOf(fromId - 1);
      try {
        this.restCallCount += 1;
        const page = await this.adapter.fetchAfter(this.options.restUrl, next.symbol, { tradeId: fromId - 1, timeMs: afterTimeMs ?? this.startedAtMs });
        for (const trade of page.trades) next.record.add(trade.tradeId, trade.exchangeTsMs);
        if (page.trades.length === 0) throw new Error(`REST has no trade of ${next.symbol} after id ${fromId - 1} yet`);
        if (next.record.missing === 0) this.gapSince.delete(next.symbol);
        backoffMs = minIntervalMs;
      } catch (error) {
        this.lastError = `REST fill of ${next.symbol}: ${(error as Error).message}`;
        backoffMs = Math.min(REST_BACKOFF_MAX_MS, backoffMs * 2);
        // The exchange's own word on how long to wait wins over the backoff, however long.
        if (error instanceof RestError && error.retryAfterMs !== undefined) backoffMs = Math.max(backoffMs, error.retryAfterMs);
      }
      await sleep(backoffMs);
    }
  }

  health(nowMs = Date.now()): ObserverHealth {
    const openGaps = [...this.records.values()].reduce((n, r) => n + r.gaps().length, 0);
    const oldestGapMs = Math.min(...this.gapSince.values(), nowMs);
    const base = {
      exchange: this.exchange, connected: this.connection.connected, reconnects: this.reconnectCount, trades: this.tradeCount,
      openGaps, restCalls: this.restCallCount, ...(this.lastError ? { lastError: this.lastError } : {}),
    };
    const unseen = [...this.records].filter(([, r]) => r.firstId === undefined).map(([symbol]) => symbol);
    const reason = !this.connection.connected ? `not connected to ${this.options.wsUrl}${this.lastError ? ` (${this.lastError})` : ''}`
      : nowMs - this.lastMessageMs > OBSERVER_MAX_SILENCE_MS ? `no message for ${Math.round((nowMs - this.lastMessageMs) / 1000)} s`
        : nowMs - oldestGapMs > OBSERVER_MAX_GAP_AGE_MS ? `a gap open for ${Math.round((nowMs - oldestGapMs) / 1000)} s${this.lastError ? ` (${this.lastError})` : ''}`
          : unseen.length > 0 ? `no trade seen yet for ${unseen.join(', ')}`
            : undefined;
    return { ...base, healthy: reason === undefined, ...(reason ? { reason } : {}) };
  }

  /** Per symbol, what the observer can vouch for in [fromMs, toMs]. */
  window(fromMs: number, toMs: number): Record<string, WindowAnswer> {
    return Object.fromEntries([...this.records].map(([symbol, record]) => [symbol, record.window(fromMs, toMs)]));
  }

  /** The highest id seen per symbol. */
  lastIds(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [symbol, record] of this.records) if (record.lastId !== undefined) out[symbol] = record.lastId;
    return out;
  }
}
