import type { RunTestRecord } from '../report-model/run-record';
import type { FailureModeSummary } from '../history/failure-mode-summary';
import type { HistoryComparison } from '../history/history-comparison';
import type { TargetComparison } from '../history/target-comparison';
import { formatDeltaMs, formatDurationMs, formatLimitMs, NOT_MEASURED } from './format-duration';
import { markdownTable } from './markdown-table';
import { outcomeLabel } from './outcome-label';
import { failureModeLabel, testRunLabel } from './test-label';
import { invariantsCell, testNotes } from './test-notes';

const date = (iso: string) => iso.slice(0, 10);

/** The seed's table: one row per failure mode (aggregated under `--repeat-each`), then loose tests. */
export function seedResultsTable(summaries: readonly FailureModeSummary[], looseTests: readonly RunTestRecord[]): string {
  const rows = summaries.map((s) => {
    const repeated = s.tests.length > 1;
    const worst = s.tests.find((t) => t.outcome === s.outcome) ?? s.tests[0]!;
    const result = repeated ? `${outcomeLabel(s.outcome)} (${s.passed}/${s.tests.length} passed)` : outcomeLabel(s.outcome);
    const mttr = repeated && s.mttrP50Ms !== undefined ? `${formatDurationMs(s.mttrP50Ms)} (p50)` : formatDurationMs(s.mttrP50Ms);
    return [failureModeLabel(worst), date(s.startedAt), result, mttr, testNotes(worst) || NOT_MEASURED];
  });
  for (const t of looseTests) {
    rows.push([t.title, date(t.startedAt), outcomeLabel(t.outcome), formatDurationMs(t.record?.durations.mttrMs), testNotes(t) || NOT_MEASURED]);
  }
  return markdownTable(['Test', 'Run Date', 'Result', 'MTTR', 'Notes'], rows);
}

/** One row per executed test: the recovery clock's figures, invariants and the evidence timeline. */
export function detailsTable(tests: readonly RunTestRecord[], repeatedModes: ReadonlySet<number>): string {
  const rows = tests.map((t) => {
    const d = t.record?.durations ?? {};
    const repeated = t.failureMode !== undefined && repeatedModes.has(t.failureMode.number);
    return [
      testRunLabel(t, repeated),
      outcomeLabel(t.outcome),
      formatDurationMs(d.mttrMs),
      formatLimitMs(t.record?.mttrTargetMs),
      formatDurationMs(d.outageMs),
      formatDurationMs(d.timeToSteadyMs),
      invariantsCell(t.record?.invariants),
      t.timelineSvg ? `[timeline](${t.timelineSvg})` : NOT_MEASURED,
    ];
  });
  return markdownTable(['Test', 'Outcome', 'MTTR', 'MTTR target', 'Outage', 'Time to steady', 'Invariants', 'Timeline'], rows);
}

/** p50/p95 MTTR per failure mode, for runs with `--repeat-each`. */
export function repeatStatsTable(summaries: readonly FailureModeSummary[]): string {
  const rows = summaries.map((s) => {
    const sorted = [...s.mttrSamplesMs].sort((a, b) => a - b);
    return [
      `${s.failureMode.number}. ${s.failureMode.name}`,
      String(s.tests.length),
      String(s.passed),
      String(sorted.length),
      formatDurationMs(s.mttrP50Ms),
      formatDurationMs(s.mttrP95Ms),
      formatDurationMs(sorted[0]),
      formatDurationMs(sorted.at(-1)),
    ];
  });
  return markdownTable(['Test', 'Runs', 'Passed', 'MTTR measured', 'MTTR p50', 'MTTR p95', 'Min', 'Max'], rows);
}

/** This run's MTTR against the previous run and the median of the last N runs. */
export function trendTable(comparisons: readonly HistoryComparison[], trendCharts: Readonly<Record<number, string>>): string {
  const rows = comparisons.map((c) => [
    `${c.failureMode.number}. ${c.failureMode.name}`,
    formatDurationMs(c.currentMs),
    c.previous ? `${formatDurationMs(c.previousMs)} (${c.previous.outcome}, ${date(c.previous.date)})` : 'no earlier run',
    formatDeltaMs(c.deltaPreviousMs, c.previousMs),
    c.medianOfRuns > 0 ? `${formatDurationMs(c.medianMs)} (${c.medianOfRuns} runs)` : NOT_MEASURED,
    formatDeltaMs(c.deltaMedianMs, c.medianMs),
    trendCharts[c.failureMode.number] ? `[trend](${trendCharts[c.failureMode.number]})` : NOT_MEASURED,
  ]);
  return markdownTable(['Test', 'MTTR', 'Previous run', 'Δ previous', 'Median of last runs', 'Δ median', 'Trend'], rows);
}

/** Each failure mode's latest MTTR per target, this run's target first: do containers change recovery? */
export function targetTable(comparisons: readonly TargetComparison[], thisTarget: string): string {
  const others = [...new Set(comparisons.flatMap((c) => Object.keys(c.latest)))].filter((t) => t !== thisTarget).sort();
  const targets = [thisTarget, ...others];
  const rows = comparisons.map((c) => [
    `${c.failureMode.number}. ${c.failureMode.name}`,
    ...targets.map((t) => {
      const latest = c.latest[t];
      if (!latest) return 'not run';
      const when = t === thisTarget ? 'this run' : date(latest.date);
      return `${formatDurationMs(latest.mttrMs)} (${latest.outcome}, ${when})`;
    }),
  ]);
  return markdownTable(['Test', ...targets.map((t) => `MTTR ${t}`)], rows);
}
