import type { TradeHistory } from './trade-history';

/** How often due trades are sent; one tick carries every trade that fell due since the last. */
export const DEFAULT_TICK_MS = 20;

/**
 * Emits each symbol's trades at a steady rate in batches: every tick, ids up to
 * `rate * elapsed` fall due, are recorded in the emission log and handed to `onTrades`.
 * Trades happen whether or not anyone listens, like on a real exchange.
 */
export class TradeEmitter {
  private timer: NodeJS.Timeout | undefined;
  private startMs = 0;
  private readonly phases: number[];
  private readonly lastIds: Float64Array;

  constructor(
    private readonly history: TradeHistory,
    private readonly ratePerSymbol: number,
    /** Called with each symbol's newly emitted ids; the trades themselves are built only if needed. */
    private readonly onTrades: (symbolIndex: number, firstId: number, lastId: number) => void,
    private readonly tickMs = DEFAULT_TICK_MS,
  ) {
    // Offsets keep symbols from all trading on the same tick; derived from the seed for repeatability.
    this.phases = history.symbols.map((_, i) => ((history.seed * 2_654_435_761 + i * 40_503) % 1_000) / 1_000);
    this.lastIds = new Float64Array(history.symbols.length);
  }

  start(): void {
    if (this.timer) return;
    this.startMs = Date.now();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Emits what is due at `nowMs`; public so that a final flush can run before shutdown. */
  tick(nowMs = Date.now()): void {
    const elapsedS = Math.max(0, nowMs - this.startMs) / 1_000;
    const ranges: Array<[number, number, number]> = [];
    for (let i = 0; i < this.lastIds.length; i++) {
      const due = Math.floor(this.ratePerSymbol * elapsedS + this.phases[i]!);
      if (due > this.lastIds[i]!) {
        ranges.push([i, this.lastIds[i]! + 1, due]);
        this.lastIds[i] = due;
      }
    }
    if (ranges.length === 0) return;
    this.history.log.record(nowMs, this.lastIds);
    for (const [i, first, last] of ranges) this.onTrades(i, first, last);
  }
}
