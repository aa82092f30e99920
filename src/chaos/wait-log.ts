import type { MonotonicClock } from './monotonic-clock';
import { formatMs } from './format-ms';

/** How often a long wait reports itself on the console. */
export const PROGRESS_LOG_INTERVAL_MS = 5_000;

/**
 * Console lines for a long wait: what is awaited, how long so far, the last value seen. Prints
 * when the wait starts and then at most once per interval, so a quiet terminal still shows life.
 */
export class WaitLog {
  private readonly startedAtMs: number;
  private lastPrintAtMs: number | undefined;

  constructor(
    private readonly what: string,
    private readonly clock: MonotonicClock,
    private readonly sink: (line: string) => void,
    private readonly intervalMs = PROGRESS_LOG_INTERVAL_MS,
  ) {
    this.startedAtMs = clock.now();
  }

  /** Reports `last` if the interval has passed since the previous line (or nothing was printed yet). */
  observe(last: string): void {
    const nowMs = this.clock.now();
    if (this.lastPrintAtMs !== undefined && nowMs - this.lastPrintAtMs < this.intervalMs) return;
    this.lastPrintAtMs = nowMs;
    this.sink(`[k2-chaos] awaiting ${this.what}: ${formatMs(nowMs - this.startedAtMs)} elapsed, last: ${last}`);
  }

  /** A closing line, always printed. */
  done(result: string): void {
    this.sink(`[k2-chaos] ${this.what}: ${result} after ${formatMs(this.clock.now() - this.startedAtMs)}`);
  }
}
