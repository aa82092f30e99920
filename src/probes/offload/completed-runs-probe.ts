import type { PostgresQueries } from './postgres-queries';
import type { ProgressProbe } from '../../chaos/progress-probe';

/**
 * The offload's progress: how many runs of `table` have COMPLETED. Recovery is the first run
 * to complete after the heal; a Postgres read that fails is unhealthy, never "no runs".
 */
export function completedRunsProbe(client: () => PostgresQueries, table: string): ProgressProbe<number> {
  return {
    name: `offload runs of ${table} completing`,
    read: async () => {
      const { rows } = await client().query<{ n: string }>(
        "SELECT count(*)::text AS n FROM offload_runs WHERE table_name = $1 AND state = 'COMPLETED'", [table]);
      return Number(rows[0]?.n ?? 0);
    },
    progressed: (mark, now) => now > mark,
    describe: (value) => `${value} completed run(s) of ${table}`,
  };
}
