import { formatMs } from './format-ms';
import type { MonotonicClock } from './monotonic-clock';
import { pollProgress, type PollObservation } from './poll-progress';
import type { ProgressProbe } from './progress-probe';

export interface ProbesRecoveryOptions {
  clock: MonotonicClock;
  /** Each probe's reading at inject, by probe name. */
  marks: Map<string, unknown>;
  deadlineAtMs: number;
  /** For the reason: how long after heal the deadline is. */
  deadlineMs: number;
  pollIntervalMs: number;
  steadyPolls: number;
  signal: AbortSignal;
  onPoll: (probe: ProgressProbe<unknown>, observation: PollObservation<unknown>) => void;
}

export interface ProbesRecovery {
  /** When every probe had shown progress (the latest of their first progress). */
  firstProgressAtMs?: number;
  /** When every probe was steady. */
  steadyAtMs?: number;
  /** Why recovery did not happen, naming each probe that fell short and its last value. */
  failure?: string;
  aborted: boolean;
}

/** Polls several probes at once; the stack has recovered when all of them have. */
export async function awaitProbesRecovery(probes: ProgressProbe<unknown>[], options: ProbesRecoveryOptions): Promise<ProbesRecovery> {
  const results = await Promise.all(
    probes.map(async (probe) => ({
      probe,
      r: await pollProgress({
        probe,
        mark: options.marks.get(probe.name),
        clock: options.clock,
        deadlineAtMs: options.deadlineAtMs,
        pollIntervalMs: options.pollIntervalMs,
        steadyPolls: options.steadyPolls,
        markFromFirstRead: true,
        signal: options.signal,
        onPoll: (o) => options.onPoll(probe, o),
      }),
    })),
  );
  const recovery: ProbesRecovery = { aborted: results.some(({ r }) => r.aborted) };
  if (results.every(({ r }) => r.firstProgressAtMs !== undefined)) recovery.firstProgressAtMs = Math.max(...results.map(({ r }) => r.firstProgressAtMs!));
  const missing = results.filter(({ r }) => r.steadyAtMs === undefined);
  if (missing.length === 0) {
    recovery.steadyAtMs = Math.max(...results.map(({ r }) => r.steadyAtMs!));
    return recovery;
  }
  recovery.failure = missing
    .map(({ probe, r }) => {
      const last = r.last && !r.last.ok ? `last read failed: ${r.last.error}` : r.lastValue ? `last: ${probe.describe(r.lastValue.value)}` : 'never read';
      const what = r.firstProgressAtMs === undefined ? 'showed no progress past its reading at inject' : 'progressed but was not steady';
      return `${probe.name} ${what} within ${formatMs(options.deadlineMs)} of heal (${last})`;
    })
    .join('; ');
  return recovery;
}
