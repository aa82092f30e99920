import type { RunRecord } from '../report-model/run-record';
import type { SensitivityCase } from './sensitivity-cases';

export interface CaseVerdict {
  ok: boolean;
  /** What the run got, in words ("DATA_VIOLATION: trade ledger (bronze) invalid"). */
  got: string;
}

/** Whether one run's record shows the outcome (and the invalid invariant) the case expects. */
export function judgeCase(expected: SensitivityCase, run: RunRecord | undefined): CaseVerdict {
  const test = run?.tests.find((t) => t.tags.includes(expected.mode));
  if (!test) return { ok: false, got: `no test tagged ${expected.mode} in the run record` };
  const invalid = (test.record?.invariants ?? []).filter((i) => i.status === 'invalid').map((i) => i.name);
  const got = `${test.outcome}${invalid.length ? `: ${invalid.join(', ')} invalid` : ''}`;
  if (test.outcome !== expected.outcome) return { ok: false, got };
  if (expected.invariant && !invalid.some((name) => name.includes(expected.invariant!))) return { ok: false, got };
  return { ok: true, got };
}
