import type { Outcome } from '../report-model/chaos-record';
import type { TestDefect } from '../../services/shared/test-defects';

/** One row of the sensitivity table: a pipeline (clean, or with one seeded defect) against one failure mode. */
export interface SensitivityCase {
  /** Undefined: the clean reference pipeline, which must PASS. */
  defect?: TestDefect;
  /** The failure mode's tag (`@feed-handler`). */
  mode: string;
  outcome: Outcome;
  /** For DATA_VIOLATION: the invariant that must be invalid (its name contains this). */
  invariant?: string;
}

/**
 * What each seeded defect must get, and the clean pipeline on the same modes. A defect caught by
 * a different outcome or invariant than listed is a failure of the suite too: it was caught by
 * accident, not by the check meant for it.
 */
export const SENSITIVITY_CASES: readonly SensitivityCase[] = [
  { mode: '@feed-handler', outcome: 'PASS' },
  { defect: 'feed-handler-skips-gap-fill', mode: '@feed-handler', outcome: 'DATA_VIOLATION', invariant: 'trade ledger' },
  { mode: '@clickhouse', outcome: 'PASS' },
  { defect: 'gold-minutes-by-ingestion-time', mode: '@clickhouse', outcome: 'DATA_VIOLATION', invariant: 'gold' },
];
