import type { PostgresQueries } from '../probes/offload/postgres-queries';
import type { InvariantCheck } from '../chaos/invariant-check';
import type { OffloadDriver } from '../drivers/offload-driver';
import { readOffloadRuns } from '../probes/offload/offload-runs-probe';

const POLL_INTERVAL_MS = 250;

/**
 * During an outage, a run of `table` ends FAILED with its cause and the alert signal fires
 * (Prefect marks the run Failed, an alert fires). Invalid when neither happens within `withinMs`.
 */
export function runFailsWithAlertCheck(driver: OffloadDriver, postgres: PostgresQueries, table: string, sinceMs: number, withinMs: number): InvariantCheck {
  const name = `a run of ${table} fails and the alert fires`;
  return {
    name,
    check: async () => {
      const deadline = Date.now() + withinMs;
      let failedRun: { id: string; error: string | null } | undefined;
      let firing = false;
      while (Date.now() < deadline && !(failedRun && firing)) {
        const runs = await readOffloadRuns(postgres, { table, sinceMs });
        failedRun ??= runs.find((r) => r.state === 'FAILED');
        firing = await driver.alertFiring().catch(() => false);
        if (!(failedRun && firing)) await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
      const counts = { failedRuns: failedRun ? 1 : 0, alertFiring: firing ? 1 : 0 };
      if (!failedRun || !firing) {
        const missing = [!failedRun && `no run of ${table} failed`, !firing && 'k2_offload_failing never reached 1'].filter(Boolean).join(' and ');
        return { name, status: 'invalid', counts, summary: `within ${withinMs} ms of the outage ${missing}` };
      }
      return { name, status: 'valid', counts, summary: `run ${failedRun.id} FAILED (${(failedRun.error ?? '').slice(0, 120)}); alert firing` };
    },
  };
}
