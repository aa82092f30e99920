import type { RunTestRecord, TestOutcome } from '../report-model/run-record';
import { median, percentile } from './statistics';
import { worstOutcome } from './outcome-rank';

/** One failure mode across the tests of a run (several under `--repeat-each`). */
export interface FailureModeSummary {
  failureMode: { number: number; name: string };
  tests: RunTestRecord[];
  /** The worst outcome of its tests. */
  outcome: TestOutcome;
  passed: number;
  /** MTTRs that were measured, in test order. */
  mttrSamplesMs: number[];
  mttrP50Ms?: number;
  mttrP95Ms?: number;
  outageP50Ms?: number;
  timeToSteadyP50Ms?: number;
  mttrTargetMs?: number;
  /** Earliest start among its tests (ISO 8601). */
  startedAt: string;
}

const defined = (values: Array<number | undefined>) => values.filter((v): v is number => v !== undefined);

/** Groups a run's tests by failure mode, in the seed's order; tests without one are left out. */
export function summarizeFailureModes(tests: readonly RunTestRecord[]): FailureModeSummary[] {
  const groups = new Map<number, RunTestRecord[]>();
  for (const test of tests) {
    if (!test.failureMode) continue;
    const group = groups.get(test.failureMode.number) ?? [];
    group.push(test);
    groups.set(test.failureMode.number, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, group]) => {
      const durations = group.map((t) => t.record?.durations ?? {});
      const mttrSamplesMs = defined(durations.map((d) => d.mttrMs));
      return {
        failureMode: group[0]!.failureMode!,
        tests: group,
        outcome: worstOutcome(group.map((t) => t.outcome)),
        passed: group.filter((t) => t.outcome === 'PASS').length,
        mttrSamplesMs,
        mttrP50Ms: median(mttrSamplesMs),
        mttrP95Ms: percentile(mttrSamplesMs, 95),
        outageP50Ms: median(defined(durations.map((d) => d.outageMs))),
        timeToSteadyP50Ms: median(defined(durations.map((d) => d.timeToSteadyMs))),
        mttrTargetMs: group.find((t) => t.record)?.record?.mttrTargetMs,
        startedAt: group.map((t) => t.startedAt).sort()[0]!,
      };
    });
}
