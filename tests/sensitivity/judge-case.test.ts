import { expect, test } from '@playwright/test';
import type { RunRecord, TestOutcome } from '../../src/report-model/run-record';
import { judgeCase } from '../../src/sensitivity/judge-case';

const run = (outcome: TestOutcome, invalid: string[] = []) => ({
  tests: [{ tags: ['@feed-handler'], outcome, record: { invariants: invalid.map((name) => ({ name, status: 'invalid', summary: '' })) } }],
}) as unknown as RunRecord;

test('a defect counts as caught only with the expected outcome and the invariant meant for it', () => {
  const expected = { defect: 'feed-handler-skips-gap-fill', mode: '@feed-handler', outcome: 'DATA_VIOLATION', invariant: 'trade ledger' } as const;
  expect(judgeCase(expected, run('DATA_VIOLATION', ['trade ledger (silver)']))).toEqual({ ok: true, got: 'DATA_VIOLATION: trade ledger (silver) invalid' });
  expect(judgeCase(expected, run('DATA_VIOLATION', ['gold matches silver'])).ok).toBe(false);
  expect(judgeCase(expected, run('NOT_RECOVERED')).ok).toBe(false);
  expect(judgeCase(expected, run('PASS'))).toEqual({ ok: false, got: 'PASS' });
  expect(judgeCase({ mode: '@clickhouse', outcome: 'PASS' }, run('PASS'))).toEqual({ ok: false, got: 'no test tagged @clickhouse in the run record' });
  expect(judgeCase({ mode: '@feed-handler', outcome: 'PASS' }, undefined).ok).toBe(false);
});
