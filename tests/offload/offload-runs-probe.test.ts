import { test, expect } from '@playwright/test';
import { applyPostgresSchema } from '../../stack/postgres/schema';
import { readOffloadRuns } from '../../src/probes/offload/offload-runs-probe';
import { startPostgres, type PostgresInstance } from './support/postgres-instance';

let pgi: PostgresInstance;
test.beforeAll(async () => { pgi = await startPostgres(); });
test.afterAll(async () => { await pgi?.stop(); });

test('a run scheduled before a time but committed after it is active since then, not scheduled since then', async () => {
  const c = await pgi.client();
  try {
    await applyPostgresSchema(c);
    const at = (sec: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, sec)).toISOString();
    const insert = (id: string, state: string, scheduled: number, finished: number | null) => c.query(
      'INSERT INTO offload_runs (id, table_name, state, scheduled_at, finished_at) VALUES ($1, $2, $3, $4, $5)',
      [id, 't', state, at(scheduled), finished === null ? null : at(finished)]);
    await insert('00000000-0000-0000-0000-00000000000a', 'COMPLETED', 1, 2);   // over before the test
    await insert('00000000-0000-0000-0000-00000000000b', 'COMPLETED', 8, 12);  // straddles its start
    await insert('00000000-0000-0000-0000-00000000000c', 'FAILED', 11, 13);    // within it
    await insert('00000000-0000-0000-0000-00000000000d', 'RUNNING', 9, null);  // before it, not over
    const testStartMs = Date.parse(at(10));
    const ids = async (filter: Parameters<typeof readOffloadRuns>[1]) => (await readOffloadRuns(c, { table: 't', ...filter })).map((r) => r.id.slice(-1));
    expect(await ids({ sinceMs: testStartMs })).toEqual(['c']);
    expect(await ids({ activeSinceMs: testStartMs })).toEqual(['b', 'c']);
    expect(await ids({})).toEqual(['a', 'b', 'd', 'c']);
  } finally {
    await c.end();
  }
});
