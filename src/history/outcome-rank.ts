import type { TestOutcome } from '../report-model/run-record';

/**
 * How bad an outcome is, for "did it get worse": a late recovery beats none, a run that could not
 * start the experiment beats one that lost data. SKIPPED and INTERRUPTED measure nothing and rank below all.
 */
const RANK: Record<TestOutcome, number> = {
  SKIPPED: -1,
  // Stopped by the user: measured nothing, like a skip.
  INTERRUPTED: -1,
  PASS: 0,
  NO_RECORD: 1,
  RECOVERED_LATE: 2,
  STEADY_STATE_FAILED: 3,
  FAULT_NOT_APPLIED: 3,
  ERROR: 3,
  NOT_RECOVERED: 4,
  DATA_VIOLATION: 5,
};

export function outcomeRank(outcome: TestOutcome): number {
  return RANK[outcome];
}

/** The worst of several outcomes (SKIPPED only when every one was skipped). */
export function worstOutcome(outcomes: readonly TestOutcome[]): TestOutcome {
  if (outcomes.length === 0) throw new Error('worstOutcome needs at least one outcome');
  return outcomes.reduce((worst, o) => (RANK[o] > RANK[worst] ? o : worst));
}

export function isTestOutcome(value: unknown): value is TestOutcome {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}
