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
  const invariants = test.record?.invariants ?? [];
  const invalid = invariants.filter((i) => i.status === 'invalid').map((i) => i.name);
  const unknown = invariants.filter((i) => i.status === 'unknown').map((i) => i.name);
  const found = [...(invalid.length ? [`${invalid.join(', ')} invalid`] : []), ...(unknown.length ? [`${unknown.join(', ')} unknown`] : [])];
  const got = `${test.outcome}${found.length ? `: ${found.join('; ')}` : test.record?.reason ? `: ${test.record.reason.slice(0, 120)}` : ''}`;
  if (test.outcome !== expected.outcome) return { ok: false, got };
  if (expected.invariant && !invalid.some((name) => name.includes(expected.invariant!))) return { ok: false, got };
  return { ok: true, got };
}
