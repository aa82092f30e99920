import type { MonotonicClock } from './monotonic-clock';

interface Timer {
  atMs: number;
  seq: number;
  resolve: () => void;
}

/**
 * A virtual clock: time moves only when `advance` is called or while `run` drives a promise to
 * completion by firing pending sleeps in time order. Lets tests check polling and recovery logic
 * deterministically and without waiting.
 */
export class ManualClock implements MonotonicClock {
  private nowMs: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      };
      const timer: Timer = {
        atMs: this.nowMs + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves time forward by `ms`, firing every sleep that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const targetMs = this.nowMs + ms;
    for (;;) {
      await settle();
      const next = this.earliest();
      if (!next || next.atMs > targetMs) break;
      this.fire(next);
    }
    this.nowMs = targetMs;
    await settle();
  }

  /** Drives `promise` to completion, jumping time to each pending sleep while it waits. */
  async run<T>(promise: Promise<T>, maxTimers = 1_000_000): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    // Handled at once, so a rejection while time is still being driven is not "unhandled".
    void promise.then(
      (value) => (outcome = { ok: true, value }),
      (error: unknown) => (outcome = { ok: false, error }),
    );
    for (let fired = 0; ; fired++) {
      await settle();
      if (outcome) {
        if (outcome.ok) return outcome.value;
        throw outcome.error;
      }
      const next = this.earliest();
      if (!next) throw new Error(`ManualClock.run: the promise is waiting on something other than this clock at ${this.nowMs} ms`);
      if (fired >= maxTimers) throw new Error(`ManualClock.run: gave up after ${maxTimers} timers`);
      this.fire(next);
    }
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.atMs < best.atMs || (t.atMs === best.atMs && t.seq < best.seq)) best = t;
    return best;
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.nowMs = Math.max(this.nowMs, timer.atMs);
    timer.resolve();
  }
}

/** Lets every already-scheduled promise continuation run (one macrotask turn, twice for chains). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
