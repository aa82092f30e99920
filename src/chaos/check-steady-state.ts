import type { MonotonicClock } from './monotonic-clock';
import { DEFAULT_POLL_INTERVAL_MS, pollProgress, type PollObservation } from './poll-progress';
import type { ProgressProbe } from './progress-probe';
import { readProbe, type ProbeReading } from './probe-reading';
import { formatMs } from './format-ms';

/**
 * How long the steady-state gate watches for progress before declaring the stack unhealthy. A
 * healthy pipeline passes in about a second; the margin covers consumers still joining right
 * after the stack came up.
 */
export const DEFAULT_STEADY_STATE_WINDOW_MS = 30_000;

export interface SteadyStateOptions {
  windowMs?: number;
  pollIntervalMs?: number;
  signal?: AbortSignal;
  onPoll?: (observation: PollObservation<unknown>) => void;
}

export interface SteadyStateResult<T> {
  healthy: boolean;
  /** What was seen, or why the gate failed. */
  detail: string;
  /** The last successful reading. */
  last?: { value: T; atMs: number };
}

/**
 * The steady-state hypothesis for one probe: a successful read, then a later successful read that
 * shows progress past it (and meets the probe's health condition), all within the window.
 */
export async function checkSteadyState<T>(probe: ProgressProbe<T>, clock: MonotonicClock, options: SteadyStateOptions = {}): Promise<SteadyStateResult<T>> {
  const windowMs = options.windowMs ?? DEFAULT_STEADY_STATE_WINDOW_MS;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  if (!(windowMs > 0)) throw new Error(`steady-state windowMs must be a positive number, got ${windowMs}`);
  const deadlineAtMs = clock.now() + windowMs;

  let first: ProbeReading<T>;
  for (;;) {
    first = await readProbe(() => probe.read(), clock);
    options.onPoll?.({ reading: first, progressed: false, healthy: false, consecutiveHealthy: 0 });
    if (first.ok || clock.now() >= deadlineAtMs || options.signal?.aborted) break;
    await clock.sleep(Math.min(pollIntervalMs, deadlineAtMs - clock.now()), options.signal);
  }
  if (!first.ok) return { healthy: false, detail: `${probe.name} could not be read within ${formatMs(windowMs)}: ${first.error}` };

  const polled = await pollProgress({
    probe,
    mark: first.value,
    clock,
    deadlineAtMs,
    pollIntervalMs,
    steadyPolls: 1,
    signal: options.signal,
    onPoll: options.onPoll as ((o: PollObservation<T>) => void) | undefined,
  });
  const lastOk = polled.last?.ok ? { value: polled.last.value, atMs: polled.last.atMs } : { value: first.value, atMs: first.atMs };
  if (polled.steadyAtMs !== undefined) return { healthy: true, detail: `${probe.name}: ${probe.describe(lastOk.value)}`, last: lastOk };
  const lastSeen = polled.last && !polled.last.ok ? `last read failed: ${polled.last.error}` : `last: ${probe.describe(lastOk.value)}`;
  const what = polled.firstProgressAtMs !== undefined ? 'progressed but was not healthy' : `showed no progress past ${probe.describe(first.value)}`;
  return { healthy: false, detail: `${probe.name} ${what} within ${formatMs(windowMs)} (${lastSeen})`, last: lastOk };
}
