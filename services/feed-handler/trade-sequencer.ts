import { RestError, type FillFrom, type FillPage } from './exchanges/exchange-adapter';
import type { ParsedTrade } from './exchanges/parsed-trade';
import { backoffDelayMs } from './exchange-connection';

/** Live trades held per symbol while its gap is being filled; more are dropped and refilled later. */
const MAX_HELD = 200_000;
const FILL_RETRY = { initialMs: 200, maxMs: 5_000 };
const EMPTY_PAGE_RETRIES = 3;
const EMPTY_PAGE_WAIT_MS = 500;

export interface SequencerSink {
  /** Hands a trade on for producing; false when it could not be buffered (dropped). */
  emit(trade: ParsedTrade, source: 'ws' | 'rest'): boolean;
  /** Resolves when the sink can take trades again. */
  waitForRoom(): Promise<void>;
  fetchAfter(symbol: string, from: FillFrom): Promise<FillPage>;
  onFillError(symbol: string, error: Error): void;
  onRejected(page: FillPage['rejected']): void;
  onDropped(count: number): void;
  onDuplicate(): void;
  onUnrecoverable(symbol: string, missingFrom: number, missingTo: number): void;
}

interface SymbolState {
  last?: FillFrom;
  filling?: Promise<void>;
  /** Live trades that arrived during a fill, or after a gap. */
  held: ParsedTrade[];
}

/**
 * Keeps each symbol's trades in id order with no gap: live trades pass straight through while
 * they follow the last one; a gap (a reconnect, a dropped message, a restart) is filled from the
 * exchange's REST history while live trades wait, then the held trades follow.
 */
export class TradeSequencer {
  private readonly states = new Map<string, SymbolState>();
  private stopped = false;
  gapFilled = 0;

  constructor(symbols: string[], private readonly sink: SequencerSink) {
    for (const symbol of symbols) this.states.set(symbol, { held: [] });
  }

  has(symbol: string): boolean {
    return this.states.has(symbol);
  }

  /** The last trade produced for a symbol before this process started (read back from the topic). */
  setLast(symbol: string, from: FillFrom): void {
    const state = this.states.get(symbol);
    if (state && (!state.last || from.tradeId > state.last.tradeId)) state.last = from;
  }

  last(symbol: string): FillFrom | undefined {
    return this.states.get(symbol)?.last;
  }

  /** After a (re)connect: fill every symbol with a known last trade up to what the feed brings. */
  fillAll(): void {
    for (const symbol of this.states.keys()) if (this.states.get(symbol)!.last) this.fill(symbol);
  }

  live(trade: ParsedTrade): void {
    const state = this.states.get(trade.symbol)!;
    if (state.filling) {
      this.hold(state, trade);
      return;
    }
    if (state.last && trade.tradeId <= state.last.tradeId) {
      this.sink.onDuplicate();
      return;
    }
    if (!state.last || trade.tradeId === state.last.tradeId + 1) {
      if (this.sink.emit(trade, 'ws')) state.last = { tradeId: trade.tradeId, timeMs: trade.exchangeTsMs };
      return;
    }
    this.hold(state, trade);
    this.fill(trade.symbol);
  }

  /** Waits for fills in progress (for orderly shutdown and tests). */
  async settle(): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.filling));
  }

  stop(): void {
    this.stopped = true;
  }

  private hold(state: SymbolState, trade: ParsedTrade): void {
    if (state.held.length >= MAX_HELD) this.sink.onDropped(1);
    else state.held.push(trade);
  }

  private fill(symbol: string): void {
    const state = this.states.get(symbol)!;
    if (state.filling) return;
    state.filling = this.runFill(symbol, state).finally(() => {
      state.filling = undefined;
    });
  }

  private async runFill(symbol: string, state: SymbolState): Promise<void> {
    let failures = 0;
    let emptyPages = 0;
    while (!this.stopped) {
      state.held.sort((a, b) => a.tradeId - b.tradeId);
      const hadHeld = state.held.length > 0;
      // Caught up with the live feed: it carries on from here.
      if (this.releaseHeld(state) && hadHeld) return;
      const target = state.held[0]?.tradeId;
      if (!state.last || (target !== undefined && target === state.last.tradeId + 1)) {
        if (state.held.length === 0 || !this.releaseHeld(state)) return;
        continue;
      }
      let page: FillPage;
      try {
        await this.sink.waitForRoom();
        page = await this.sink.fetchAfter(symbol, state.last);
        failures = 0;
      } catch (error) {
        this.sink.onFillError(symbol, error as Error);
        // A Retry-After from the exchange (429, 418) is obeyed: retrying sooner gets an IP banned.
        const told = error instanceof RestError ? error.retryAfterMs ?? 0 : 0;
        await new Promise((resolve) => setTimeout(resolve, Math.max(told, backoffDelayMs(failures++, FILL_RETRY))));
        continue;
      }
      if (page.rejected.length > 0) this.sink.onRejected(page.rejected);
      const fresh = page.trades.filter((t) => t.tradeId > state.last!.tradeId && (target === undefined || t.tradeId < target));
      if (fresh.length === 0) {
        // Live trades may have been held while the request was out: go round again for them.
        if (target === undefined) {
          if (state.held.length === 0) return;
          continue;
        }
        // REST history can lag the live feed on a real exchange: ask again before giving up.
        if (++emptyPages <= EMPTY_PAGE_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, EMPTY_PAGE_WAIT_MS));
          continue;
        }
        // History has nothing between the last trade and the held ones: they are gone for good.
        this.sink.onUnrecoverable(symbol, state.last.tradeId + 1, target - 1);
        state.last = { tradeId: target - 1, timeMs: state.last.timeMs };
        continue;
      }
      emptyPages = 0;
      for (const trade of fresh) {
        if (trade.tradeId !== state.last.tradeId + 1) this.sink.onUnrecoverable(symbol, state.last.tradeId + 1, trade.tradeId - 1);
        if (!this.sink.emit(trade, 'rest')) break;
        state.last = { tradeId: trade.tradeId, timeMs: trade.exchangeTsMs };
        this.gapFilled++;
      }
    }
  }

  /** Emits held trades that follow on from the last one; true when all held trades are gone. */
  private releaseHeld(state: SymbolState): boolean {
    let i = 0;
    for (; i < state.held.length; i++) {
      const trade = state.held[i]!;
      if (state.last && trade.tradeId <= state.last.tradeId) {
        this.sink.onDuplicate();
        continue;
      }
      if (state.last && trade.tradeId !== state.last.tradeId + 1) break;
      if (!this.sink.emit(trade, 'ws')) break;
      state.last = { tradeId: trade.tradeId, timeMs: trade.exchangeTsMs };
    }
    state.held = state.held.slice(i);
    return state.held.length === 0;
  }
}
