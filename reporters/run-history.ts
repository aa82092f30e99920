import { join } from 'node:path';
import type { RegressionGateResult, RunRecord } from '../src/report-model/run-record';
import type { MttrHistoryEntry } from '../src/history/mttr-history-entry';
import { appendMttrHistory, readMttrHistory } from '../src/history/mttr-history-file';
import { summarizeFailureModes, type FailureModeSummary } from '../src/history/failure-mode-summary';
import { compareWithHistory, pastEntries, type HistoryComparison } from '../src/history/history-comparison';
import { findRegressions } from '../src/history/regression-gate';
import { compareTargets, type TargetComparison } from '../src/history/target-comparison';
import { renderTrendSvg } from '../src/render/trend-svg';
import { slug } from '../src/render/test-label';
import { atomicWriteFileSync } from './atomic-write';
import type { ResolvedMttrReporterOptions } from './reporter-options';

/** In the history folder (`reports/history` unless K2_HISTORY_DIR says otherwise). */
export const MTTR_HISTORY_FILE = 'mttr-history.jsonl';

export interface RunHistoryResult {
  comparisons: HistoryComparison[];
  /** This run beside the latest run on every other target; empty when no other target ran. */
  targetComparisons: TargetComparison[];
  trendCharts: Record<number, string>;
  problems: string[];
  gate: RegressionGateResult;
}

function historyEntry(run: RunRecord, target: string, s: FailureModeSummary): MttrHistoryEntry {
  return {
    schemaVersion: 1,
    runId: run.runId,
    date: s.startedAt,
    commit: run.commit,
    target,
    manifest: run.manifest,
    failureMode: s.failureMode,
    outcome: s.outcome,
    mttrMs: s.mttrP50Ms,
    outageMs: s.outageP50Ms,
    timeToSteadyMs: s.timeToSteadyP50Ms,
    mttrTargetMs: s.mttrTargetMs,
    repeats: s.tests.length,
  };
}

/**
 * Compares the finished run with the MTTR history (same target only: an embedded restart and a
 * compose restart are different measurements), applies the regression gate, appends this run
 * and redraws each failure mode's trend chart.
 */
export async function recordRunHistory(run: RunRecord, reportsDir: string, historyDir: string, options: ResolvedMttrReporterOptions): Promise<RunHistoryResult> {
  const historyPath = join(historyDir, MTTR_HISTORY_FILE);
  const history = await readMttrHistory(historyPath);
  const target = run.target ?? 'unknown';
  // Skipped and interrupted runs measured nothing: they stay out of the history and the gate.
  const summaries = summarizeFailureModes(run.tests).filter((s) => s.outcome !== 'SKIPPED' && s.outcome !== 'INTERRUPTED');
  const comparisons = summaries.map((s) => compareWithHistory(s, target, history.entries, options.historyWindow));
  const targetComparisons = compareTargets(summaries, target, run.runId, history.entries);
  const regressions = findRegressions(summaries, comparisons, { marginRatio: options.regressionMargin });
  const gate: RegressionGateResult = {
    enabled: options.regressionGate,
    marginRatio: options.regressionMargin,
    windowRuns: options.historyWindow,
    regressions,
    passed: !options.regressionGate || regressions.length === 0,
  };
  const entries = summaries.map((s) => historyEntry(run, target, s));
  await appendMttrHistory(historyPath, entries);
  const trendCharts: Record<number, string> = {};
  for (const entry of entries) {
    // One chart per target; the default target keeps the plain name.
    const file = `trends/${slug(`${String(entry.failureMode.number).padStart(2, '0')} ${entry.failureMode.name}${target === 'embedded' ? '' : ` ${target}`}`)}.svg`;
    const series = [...pastEntries(history.entries, entry.failureMode.number, target), entry];
    atomicWriteFileSync(join(reportsDir, file), renderTrendSvg(entry.failureMode, series));
    trendCharts[entry.failureMode.number] = file;
  }
  return { comparisons, targetComparisons, trendCharts, problems: history.problems, gate };
}
