import { expect, test } from '@playwright/test';
import { runInvariant } from '../../src/chaos/run-invariant';

test('a checker that throws is unknown with its error, under its own name', async () => {
  const result = await runInvariant({ name: 'trade ledger', check: async () => { throw new Error('clickhouse down'); } }, 0);
  expect(result).toEqual({ name: 'trade ledger', status: 'unknown', summary: 'checker crashed: clickhouse down' });
});

test('a checker returning no status is unknown, not valid', async () => {
  const result = await runInvariant(async () => ({ ok: true }) as never, 2);
  expect(result.status).toBe('unknown');
  expect(result.name).toBe('invariant 3');
});

test('a checker result passes through unchanged', async () => {
  const ledger = { name: 'ledger', status: 'invalid' as const, summary: '2 lost', counts: { lost: 2 } };
  expect(await runInvariant(async () => ledger, 0)).toEqual(ledger);
});
