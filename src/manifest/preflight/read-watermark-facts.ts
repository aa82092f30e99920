import pg from 'pg';
import type { StackEndpoints } from '../../targets/endpoints';
import type { WatermarkFacts } from './preflight-compare';

/** The user tables of the connected database, and the columns of `table`, from information_schema. */
export async function readWatermarkFacts(endpoint: StackEndpoints['postgres'], table: string): Promise<WatermarkFacts> {
  const client = new pg.Client({ ...endpoint, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY table_name`,
    );
    const columns = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_name = $1 AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY ordinal_position`,
      [table],
    );
    return { tables: tables.rows.map((r) => r.table_name), columns: columns.rows.map((r) => r.column_name) };
  } finally {
    await client.end();
  }
}
