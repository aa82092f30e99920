import type { InvariantCheck } from '../chaos/invariant-check';
import { readOffloadRuns } from '../probes/offload/offload-runs-probe';
import type { PostgresQueries } from '../probes/offload/postgres-queries';

/**
 * Some run of `table` since `sinceMs` ended FAILED, with its cause: the fault hit a run rather
 * than falling between runs. Read after recovery, so it looks at the runs table, not at the alert
 * (which the next good run clears).
 */
export function runFailedCheck(postgres: PostgresQueries, table: string, sinceMs: number): InvariantCheck {
  const name = `a run of ${table} ended FAILED`;
  return {
    name,
    check: async () => {
      const failed = (await readOffloadRuns(postgres, { table, sinceMs })).filter((r) => r.state === 'FAILED');
      if (failed.length === 0) return { name, status: 'invalid', counts: { failedRuns: 0 }, summary: `no run of ${table} is recorded FAILED since the test started` };
      return { name, status: 'valid', counts: { failedRuns: failed.length }, summary: `run ${failed[0]!.id} FAILED: ${(failed[0]!.error ?? 'no error recorded').slice(0, 160)}` };
    },
  };
}
