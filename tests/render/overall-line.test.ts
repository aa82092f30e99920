import { expect, test } from '@playwright/test';
import type { RunTestRecord, TestOutcome } from '../../src/report-model/run-record';
import { summarizeFailureModes } from '../../src/history/failure-mode-summary';
import { overallLine } from '../../src/render/overall-line';
import { chaosRecordSample } from '../reporters/support/chaos-record-sample';

const SEED = ['Redpanda restart', 'ClickHouse restart', 'Feed handler crash', 'Offload failure', 'MinIO unavailable', 'Network partition'];

function testOf(number: number, outcome: TestOutcome, mttrMs?: number): RunTestRecord {
  const failureMode = { number, name: SEED[number - 1]! };
  // Tests without an MTTR also stand for tests that never produced a record.
  const record = mttrMs === undefined || outcome === 'ERROR' || outcome === 'SKIPPED' || outcome === 'NO_RECORD'
    ? undefined
    : chaosRecordSample({ failureMode, outcome, mttrMs });
  return {
    id: `t${number}`, title: `test ${number}`, titlePath: [], location: 'x.spec.ts:1', tags: [], repeatEachIndex: 0, retry: 0,
    failureMode, outcome, status: outcome === 'PASS' ? 'passed' : 'failed', startedAt: '2026-11-28T10:00:00.000Z', durationMs: 1, errors: [], record,
  };
}

const line = (tests: RunTestRecord[]) => overallLine(summarizeFailureModes(tests), tests.filter((t) => !t.failureMode));

test('all six pass within target, as the seed says it', () => {
  expect(line(SEED.map((_, i) => testOf(i + 1, 'PASS', 10_000)))).toBe('**Overall**: All 6 failure modes pass. All MTTR values within target.');
});

test('names the failure modes that did not pass and those over their MTTR target', () => {
  const tests = [testOf(1, 'PASS', 10_000), testOf(2, 'RECOVERED_LATE', 200_000), testOf(3, 'ERROR')];
  expect(line(tests)).toBe('**Overall**: 1 of 3 failure modes pass. Not passing: 2. ClickHouse restart (RECOVERED_LATE), 3. Feed handler crash (ERROR). ' +
    'MTTR over target: 2. ClickHouse restart (~3m 20s, target 2m).');
});

test('does not claim MTTR within target for what was not measured', () => {
  expect(line([testOf(1, 'PASS', 10_000), testOf(6, 'SKIPPED')])).toBe(
    '**Overall**: 1 of 2 failure modes pass. Not passing: 6. Network partition (SKIPPED). All 1 measured MTTR values within target; 1 not measured.');
  expect(line([])).toBe('**Overall**: no failure mode ran.');
});
