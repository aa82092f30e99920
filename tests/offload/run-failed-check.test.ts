import { expect, test } from '@playwright/test';
import { runFailedCheck } from '../../src/checks/run-failed-check';
import type { PostgresQueries } from '../../src/probes/offload/postgres-queries';

/** A runs table that answers every query with these rows, as readOffloadRuns selects them. */
function runsTable(states: Array<[string, string | null]>): PostgresQueries {
  const rows = states.map(([state, error], i) => ({ id: `run-${i}`, table_name: 't', trigger: 'schedule', state, ws: null, we: null, row_count: 0, file_count: 0, snapshot_id: null, error, sched: 1_000 + i, fin: null }));
  return { query: async () => ({ rows }) } as unknown as PostgresQueries;
}

test('valid only when some run is recorded FAILED, naming it and its cause', async () => {
  const check = (states: Array<[string, string | null]>) => (runFailedCheck(runsTable(states), 't', 0) as { check(): Promise<unknown> }).check();
  expect(await check([['COMPLETED', null], ['FAILED', 'catalog database: connection error']])).toEqual({
    name: 'a run of t ended FAILED', status: 'valid', counts: { failedRuns: 1 }, summary: 'run run-1 FAILED: catalog database: connection error',
  });
  expect(await check([['COMPLETED', null], ['RUNNING', null]])).toMatchObject({ status: 'invalid', summary: 'no run of t is recorded FAILED since the test started' });
});
