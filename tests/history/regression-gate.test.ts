import { expect, test } from '@playwright/test';
import { compareWithHistory } from '../../src/history/history-comparison';
import { findRegressions } from '../../src/history/regression-gate';
import { currentSummary, pastRun } from './history-fixtures';

const gate = (mttrMs: number | undefined, history: ReturnType<typeof pastRun>[], outcome: Parameters<typeof currentSummary>[1] = 'PASS', marginRatio = 0.5) => {
  const summary = currentSummary(mttrMs, outcome);
  return findRegressions([summary], [compareWithHistory(summary, 'embedded', history, 10)], { marginRatio });
};

const steadyHistory = [pastRun(10_000, 'PASS', 'embedded', 1), pastRun(12_000, 'PASS', 'embedded', 2), pastRun(11_000, 'PASS', 'embedded', 3)];

test('an MTTR over the history median by more than the margin is a regression, saying by how much', () => {
  const regressions = gate(20_000, steadyHistory);
  expect(regressions).toEqual([{
    failureMode: { number: 2, name: 'ClickHouse restart' },
    kind: 'mttr',
    message: '2. ClickHouse restart: MTTR ~20s is 82% over the median ~11s of the last 3 run(s) (margin 50%)',
  }]);
});

test('an MTTR within the margin, or a faster one, passes', () => {
  expect(gate(16_000, steadyHistory)).toEqual([]);
  expect(gate(4_000, steadyHistory)).toEqual([]);
  expect(gate(16_000, steadyHistory, 'PASS', 0.25)).toHaveLength(1);
});

test('an outcome worse than the previous run is a regression, even without an MTTR', () => {
  const [regression] = gate(undefined, steadyHistory, 'NOT_RECOVERED');
  expect(regression!.kind).toBe('outcome');
  expect(regression!.message).toBe('2. ClickHouse restart: outcome worsened from PASS (run 2026-11-03T10:00:00.000Z) to NOT_RECOVERED');
  // Recovering after a failed run is an improvement, not a regression.
  expect(gate(11_000, [...steadyHistory, pastRun(undefined, 'NOT_RECOVERED', 'embedded', 4)])).toEqual([]);
});

test('only runs on the same target and within the window count', () => {
  const composeOnly = [pastRun(1_000, 'PASS', 'compose', 1), pastRun(1_000, 'PASS', 'compose', 2)];
  expect(gate(20_000, composeOnly)).toEqual([]);
  const old = [pastRun(1_000, 'PASS', 'embedded', 1), ...Array.from({ length: 10 }, (_, i) => pastRun(19_000, 'PASS', 'embedded', i + 2))];
  const summary = currentSummary(20_000);
  const comparison = compareWithHistory(summary, 'embedded', old, 10);
  expect(comparison.medianMs).toBe(19_000);
  expect(comparison.medianOfRuns).toBe(10);
  expect(comparison.previousMs).toBe(19_000);
  expect(comparison.deltaPreviousMs).toBe(1_000);
});

test('a failure mode with no history cannot regress', () => {
  expect(gate(500_000, [])).toEqual([]);
});
