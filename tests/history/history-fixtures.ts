import type { MttrHistoryEntry } from '../../src/history/mttr-history-entry';
import type { FailureModeSummary } from '../../src/history/failure-mode-summary';
import type { TestOutcome } from '../../src/report-model/run-record';

export const CLICKHOUSE = { number: 2, name: 'ClickHouse restart' };

export function pastRun(mttrMs: number | undefined, outcome: TestOutcome = 'PASS', target = 'embedded', day = 1): MttrHistoryEntry {
  const date = `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  return { schemaVersion: 1, runId: date, date, target, failureMode: CLICKHOUSE, outcome, mttrMs, mttrTargetMs: 180_000, repeats: 1 };
}

export function currentSummary(mttrMs: number | undefined, outcome: TestOutcome = 'PASS'): FailureModeSummary {
  return {
    failureMode: CLICKHOUSE, tests: [], outcome, passed: outcome === 'PASS' ? 1 : 0,
    mttrSamplesMs: mttrMs === undefined ? [] : [mttrMs], mttrP50Ms: mttrMs, mttrP95Ms: mttrMs,
    mttrTargetMs: 180_000, startedAt: '2026-11-28T10:00:00.000Z',
  };
}
