import { performance } from 'node:perf_hooks';

/**
 * The time source every chaos measurement uses. Injected so that polling and recovery logic can
 * be tested in virtual time (see ManualClock) instead of with real sleeps.
 */
export interface MonotonicClock {
  /** Milliseconds on a monotonic scale; only differences are meaningful. */
  now(): number;
  /** Resolves after `ms`; resolves early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The process's monotonic clock (`performance.now()`), immune to wall-clock steps. */
export const SYSTEM_CLOCK: MonotonicClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
