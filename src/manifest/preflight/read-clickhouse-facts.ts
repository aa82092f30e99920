import { createClient } from '@clickhouse/client';
import type { StackEndpoints } from '../../targets/endpoints';
import type { ClickhouseFacts } from './preflight-compare';

/** A ClickHouse string literal; parameterised queries are not in every server version we support. */
const literal = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Reads databases, and the tables and columns of `database`, from ClickHouse's system tables. */
export async function readClickhouseFacts(endpoint: StackEndpoints['clickhouse'], database: string): Promise<ClickhouseFacts> {
  // Connect to `default`: the manifest's database may be the very name that is missing.
  const client = createClient({ url: endpoint.url, username: endpoint.username, password: endpoint.password, database: 'default' });
  try {
    const rows = async <T>(query: string): Promise<T[]> => (await client.query({ query, format: 'JSONEachRow' })).json<T>();
    const databases = (await rows<{ name: string }>('SELECT name FROM system.databases')).map((r) => r.name);
    if (!databases.includes(database)) return { databases, tables: [], columns: {} };
    const tables = (await rows<{ name: string }>(`SELECT name FROM system.tables WHERE database = ${literal(database)}`)).map((r) => r.name);
    const columns: Record<string, string[]> = {};
    for (const row of await rows<{ table: string; name: string }>(`SELECT table, name FROM system.columns WHERE database = ${literal(database)}`)) {
      (columns[row.table] ??= []).push(row.name);
    }
    return { databases, tables, columns };
  } finally {
    await client.close();
  }
}
