import { createClient } from '@clickhouse/client';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import type { EmbeddedStack } from '../../src/targets/embedded/embedded-stack';
import { removeStack, startStack } from './support/embedded-harness';

test.describe.configure({ mode: 'serial' });

let stack: EmbeddedStack | undefined;

test.beforeAll(async () => {
  stack = await startStack(['postgres', 'clickhouse']);
});

test.afterAll(async () => {
  await removeStack(stack);
});

async function pgQuery<T extends pg.QueryResultRow>(s: EmbeddedStack, sql: string): Promise<T[]> {
  const client = new pg.Client(s.endpoints.postgres);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function chQuery(s: EmbeddedStack, query: string): Promise<unknown[]> {
  const client = createClient({ ...s.endpoints.clickhouse, username: s.endpoints.clickhouse.username });
  try {
    return await (await client.query({ query, format: 'JSONEachRow' })).json();
  } finally {
    await client.close();
  }
}

async function chCommand(s: EmbeddedStack, query: string): Promise<void> {
  const client = createClient(s.endpoints.clickhouse);
  try {
    await client.command({ query });
  } finally {
    await client.close();
  }
}

test('postgres keeps committed rows across a graceful restart and a kill', async () => {
  const s = stack!;
  await pgQuery(s, 'CREATE TABLE survives (id int PRIMARY KEY)');
  await pgQuery(s, 'INSERT INTO survives VALUES (1), (2), (3)');
  await s.restart('postgres');
  await s.waitHealthy('postgres');
  expect(await pgQuery(s, 'SELECT count(*)::int AS n FROM survives')).toEqual([{ n: 3 }]);
  await pgQuery(s, 'INSERT INTO survives VALUES (4)');
  await s.kill('postgres');
  await s.start('postgres');
  await s.waitHealthy('postgres');
  expect(await pgQuery(s, 'SELECT count(*)::int AS n FROM survives')).toEqual([{ n: 4 }]);
});

test('postgres has the stack database and the catalog schema from stack/postgres', async () => {
  const tables = await pgQuery<{ table_name: string }>(stack!, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  expect(tables.map((t) => t.table_name)).toContain(stack!.manifest.watermarks.table);
});

test('clickhouse keeps inserted rows across a graceful restart and a kill', async () => {
  const s = stack!;
  await chCommand(s, 'CREATE TABLE k2.survives (id UInt32) ENGINE = MergeTree ORDER BY id');
  await chCommand(s, 'INSERT INTO k2.survives VALUES (1), (2), (3)');
  await s.restart('clickhouse');
  await s.waitHealthy('clickhouse');
  expect(await chQuery(s, 'SELECT toUInt32(count()) AS n FROM k2.survives')).toEqual([{ n: 3 }]);
  await s.kill('clickhouse');
  await s.start('clickhouse');
  await s.waitHealthy('clickhouse');
  expect(await chQuery(s, 'SELECT toUInt32(count()) AS n FROM k2.survives')).toEqual([{ n: 3 }]);
});

test('clickhouse has the stack schema and asks for the password', async () => {
  const s = stack!;
  const tables = (await chQuery(s, "SELECT name FROM system.tables WHERE database = 'k2'")) as Array<{ name: string }>;
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining([s.manifest.clickhouse.silverTable, s.manifest.clickhouse.bronzeTables.binance]));
  const anonymous = await fetch(`${s.endpoints.clickhouse.url}/?query=SELECT%201`);
  expect(anonymous.ok).toBe(false);
});
