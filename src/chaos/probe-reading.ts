import type { MonotonicClock } from './monotonic-clock';

/** One probe read: a value, or the error that made it unhealthy. */
export type ProbeReading<T> = { ok: true; value: T; atMs: number } | { ok: false; error: string; atMs: number };

/** Reads stop counting after this long: a hung read is an unhealthy read. */
export const DEFAULT_READ_TIMEOUT_MS = 5_000;

/**
 * Runs `read` with a timeout on `clock`, turning errors and timeouts into unhealthy readings so
 * polling loops never stall on a probe that hangs.
 */
export async function readProbe<T>(
  read: () => Promise<T>,
  clock: MonotonicClock,
  timeoutMs = DEFAULT_READ_TIMEOUT_MS,
): Promise<ProbeReading<T>> {
  const abort = new AbortController();
  const timedOut = Symbol('timeout');
  try {
    const result = await Promise.race([
      Promise.resolve().then(read),
      clock.sleep(timeoutMs, abort.signal).then(() => timedOut),
    ]);
    if (result === timedOut) return { ok: false, error: `read timed out after ${timeoutMs} ms`, atMs: clock.now() };
    return { ok: true, value: result as T, atMs: clock.now() };
  } catch (error) {
    return { ok: false, error: errorMessage(error), atMs: clock.now() };
  } finally {
    abort.abort();
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
