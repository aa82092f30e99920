import type { TestOutcome } from '../report-model/run-record';

/**
 * One line of reports/history/mttr-history.jsonl: one failure mode in one run. Under
 * `--repeat-each` the durations are the run's medians and `repeats` says over how many tests.
 */
export interface MttrHistoryEntry {
  schemaVersion: 1;
  /** The run's start (ISO 8601); lines of one run share it. */
  runId: string;
  /** When the failure mode ran (ISO 8601). */
  date: string;
  commit?: string;
  target: string;
  manifest?: string;
  failureMode: { number: number; name: string };
  outcome: TestOutcome;
  mttrMs?: number;
  outageMs?: number;
  timeToSteadyMs?: number;
  mttrTargetMs?: number;
  repeats: number;
}
