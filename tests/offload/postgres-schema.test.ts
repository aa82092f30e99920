import { test, expect } from '@playwright/test';
import { applyPostgresSchema } from '../../stack/postgres/schema';
import { startPostgres, type PostgresInstance } from './support/postgres-instance';

let pgi: PostgresInstance;
test.beforeAll(async () => { pgi = await startPostgres(); });
test.afterAll(async () => { await pgi?.stop(); });

test('applies the catalog schema twice, concurrently, without error', async () => {
  const [a, b] = await Promise.all([pgi.client(), pgi.client()]);
  try {
    await Promise.all([applyPostgresSchema(a), applyPostgresSchema(b)]);
    await applyPostgresSchema(a);
    const { rows } = await a.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    expect(rows.map((r) => r.table_name)).toEqual(['iceberg_namespace_properties', 'iceberg_tables', 'offload_runs', 'offload_watermarks']);
    const cols = await a.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'offload_watermarks'");
    expect(cols.rows.map((r) => r.column_name)).toEqual(expect.arrayContaining([
      'table_name', 'last_offload_timestamp', 'last_offload_max_sequence', 'last_offload_row_count', 'status',
      'last_successful_run', 'failure_count', 'last_error_message', 'updated_at']));
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
});

test('rejects a run state outside the four the ledger knows', async () => {
  const c = await pgi.client();
  try {
    await applyPostgresSchema(c);
    await expect(c.query("INSERT INTO offload_runs (id, table_name, state) VALUES (gen_random_uuid(), 't', 'DONE')")).rejects.toThrow(/check constraint/);
  } finally {
    await c.end();
  }
});
