import type { MonotonicClock } from './monotonic-clock';
import type { ProgressProbe } from './progress-probe';
import { errorMessage, readProbe, type ProbeReading } from './probe-reading';

export const DEFAULT_POLL_INTERVAL_MS = 100;
export const DEFAULT_STEADY_POLLS = 5;

export interface PollProgressOptions<T> {
  probe: ProgressProbe<T>;
  /** The reading progress is measured against (taken at inject for recovery). */
  mark: T;
  clock: MonotonicClock;
  /** Instant on `clock` after which polling gives up. */
  deadlineAtMs: number;
  pollIntervalMs?: number;
  /** Consecutive healthy polls that make the stack steady again. */
  steadyPolls?: number;
  readTimeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Recovery: the first successful read becomes the mark when it is past it. What it shows
   * accumulated while the probe could not see (rows a partitioned ClickHouse wrote from its own
   * buffer), so only progress after it counts.
   */
  markFromFirstRead?: boolean;
  /** Called after every poll, e.g. to log what is awaited. */
  onPoll?: (poll: PollObservation<T>) => void;
}

export interface PollObservation<T> {
  reading: ProbeReading<T>;
  /** The read succeeded and showed progress past the mark. */
  progressed: boolean;
  /** Progressed, and the probe's own health condition (if any) holds. */
  healthy: boolean;
  consecutiveHealthy: number;
}

export interface PollProgressResult<T> {
  /** Clock instant of the first successful read showing progress past the mark. */
  firstProgressAtMs?: number;
  /** Clock instant of the poll that completed `steadyPolls` consecutive healthy polls. */
  steadyAtMs?: number;
  /** The last reading, successful or not. */
  last?: ProbeReading<T>;
  /** The last successful value, for "last value seen". */
  lastValue?: { value: T };
  polls: number;
  aborted: boolean;
}

/**
 * Polls `probe` until `steadyPolls` consecutive healthy polls, the deadline, or abort. A read that
 * throws or times out is unhealthy and breaks the run of healthy polls; progress is only ever
 * recorded from a successful read.
 */
export async function pollProgress<T>(options: PollProgressOptions<T>): Promise<PollProgressResult<T>> {
  const { probe, clock, deadlineAtMs, signal, onPoll } = options;
  let mark = options.mark;
  let markSettled = !options.markFromFirstRead;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const steadyPolls = options.steadyPolls ?? DEFAULT_STEADY_POLLS;
  if (!(pollIntervalMs > 0)) throw new Error(`pollIntervalMs must be a positive number, got ${pollIntervalMs}`);
  if (!Number.isInteger(steadyPolls) || steadyPolls < 1) throw new Error(`steadyPolls must be a positive integer, got ${steadyPolls}`);

  const result: PollProgressResult<T> = { polls: 0, aborted: false };
  let consecutiveHealthy = 0;
  for (;;) {
    if (signal?.aborted) return { ...result, aborted: true };
    let reading = await readProbe(() => probe.read(), clock, options.readTimeoutMs);
    result.polls++;
    let progressed = false;
    let healthy = false;
    if (reading.ok) {
      result.lastValue = { value: reading.value };
      try {
        if (!markSettled) {
          markSettled = true;
          if (probe.progressed(mark, reading.value)) mark = reading.value;
        }
        progressed = probe.progressed(mark, reading.value);
        healthy = progressed && (probe.healthy?.(reading.value) ?? true);
      } catch (error) {
        reading = { ok: false, error: `${probe.name} could not judge its reading: ${errorMessage(error)}`, atMs: reading.atMs };
      }
    }
    result.last = reading;
    if (progressed && result.firstProgressAtMs === undefined) result.firstProgressAtMs = reading.atMs;
    consecutiveHealthy = healthy ? consecutiveHealthy + 1 : 0;
    onPoll?.({ reading, progressed, healthy, consecutiveHealthy });
    if (consecutiveHealthy >= steadyPolls) return { ...result, steadyAtMs: reading.atMs };
    const remainingMs = deadlineAtMs - clock.now();
    if (remainingMs <= 0) return result;
    await clock.sleep(Math.min(pollIntervalMs, remainingMs), signal);
  }
}
