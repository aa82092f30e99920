import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MTTR_HISTORY_FILE, recordRunHistory } from '../../reporters/run-history';
import { resolveReporterOptions } from '../../reporters/reporter-options';
import type { RunRecord, RunTestRecord, TestOutcome } from '../../src/report-model/run-record';

const testRecord = (number: number, outcome: TestOutcome): RunTestRecord => ({
  id: `t${number}`, title: `mode ${number}`, titlePath: [], location: 'specs/x.spec.ts:1', tags: [], repeatEachIndex: 0, retry: 0,
  failureMode: { number, name: `mode ${number}` }, outcome, status: outcome === 'PASS' ? 'passed' : 'interrupted',
  startedAt: '2026-12-01T10:00:00.000Z', durationMs: 1_000, errors: [],
});

test('an interrupted test stays out of the MTTR history and the regression gate; a measured one goes in', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k2-interrupted-'));
  try {
    const run = { runId: '2026-12-01T10:00:00.000Z', target: 'embedded', tests: [testRecord(1, 'PASS'), testRecord(2, 'INTERRUPTED')] } as unknown as RunRecord;
    const options = { ...resolveReporterOptions({}, {}), regressionGate: true };
    const result = await recordRunHistory(run, dir, join(dir, 'history'), options);
    const file = join(dir, 'history', MTTR_HISTORY_FILE);
    expect(existsSync(file)).toBe(true);
    const modes = readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { failureMode: { number: number } }).failureMode.number);
    expect(modes).toEqual([1]);
    expect(result.gate.passed).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
