import { expect, test } from '@playwright/test';
import type { FailureModeSummary } from '../../src/history/failure-mode-summary';
import type { MttrHistoryEntry } from '../../src/history/mttr-history-entry';
import { compareTargets } from '../../src/history/target-comparison';

const summary = (number: number, mttrP50Ms: number): FailureModeSummary =>
  ({ failureMode: { number, name: `mode ${number}` }, outcome: 'PASS', mttrP50Ms, startedAt: '2026-12-01T12:00:00.000Z', tests: [] }) as unknown as FailureModeSummary;

const entry = (target: string, number: number, mttrMs: number, date: string): MttrHistoryEntry => ({
  schemaVersion: 1, runId: date, date, target, failureMode: { number, name: `mode ${number}` }, outcome: 'PASS', mttrMs, repeats: 1,
});

test('puts each failure mode beside the latest run of every other target', () => {
  const history = [
    entry('embedded', 1, 2_000, '2026-11-30T10:00:00.000Z'),
    entry('embedded', 1, 2_500, '2026-12-01T10:00:00.000Z'),
    entry('compose', 1, 9_000, '2026-11-01T10:00:00.000Z'),
    entry('embedded', 2, 44_000, '2026-12-01T10:00:00.000Z'),
  ];
  const rows = compareTargets([summary(1, 1_500), summary(2, 43_000), summary(3, 2_000)], 'compose', 'run-x', history);
  expect(rows.map((r) => [r.failureMode.number, r.latest.compose?.mttrMs, r.latest.embedded?.mttrMs])).toEqual([
    [1, 1_500, 2_500],
    [2, 43_000, 44_000],
    [3, 2_000, undefined],
  ]);
});

test('is empty when only this run\'s target has history', () => {
  const history = [entry('compose', 1, 9_000, '2026-11-01T10:00:00.000Z')];
  expect(compareTargets([summary(1, 1_500)], 'compose', 'run-x', history)).toEqual([]);
});
