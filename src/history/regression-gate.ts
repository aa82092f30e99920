import type { Regression } from '../report-model/run-record';
import type { HistoryComparison } from './history-comparison';
import type { FailureModeSummary } from './failure-mode-summary';
import { formatDurationMs } from '../render/format-duration';
import { outcomeRank } from './outcome-rank';

export interface RegressionGateOptions {
  /** 0.5 = fail when MTTR exceeds the history median by more than 50%. */
  marginRatio: number;
}

const label = (fm: { number: number; name: string }) => `${fm.number}. ${fm.name}`;

/**
 * Regressions of one run against its history: an MTTR over the median of earlier runs by more
 * than the margin, or an outcome worse than the previous run's. A failure mode without history
 * cannot regress.
 */
export function findRegressions(
  summaries: readonly FailureModeSummary[],
  comparisons: readonly HistoryComparison[],
  options: RegressionGateOptions,
): Regression[] {
  const regressions: Regression[] = [];
  for (const summary of summaries) {
    const comparison = comparisons.find((c) => c.failureMode.number === summary.failureMode.number);
    if (!comparison) continue;
    const { currentMs, medianMs, medianOfRuns, previous } = comparison;
    if (currentMs !== undefined && medianMs !== undefined && medianMs > 0 && currentMs > medianMs * (1 + options.marginRatio)) {
      const overPercent = Math.round(((currentMs - medianMs) / medianMs) * 100);
      regressions.push({
        failureMode: summary.failureMode,
        kind: 'mttr',
        message:
          `${label(summary.failureMode)}: MTTR ${formatDurationMs(currentMs)} is ${overPercent}% over the median ` +
          `${formatDurationMs(medianMs)} of the last ${medianOfRuns} run(s) (margin ${Math.round(options.marginRatio * 100)}%)`,
      });
    }
    if (previous && summary.outcome !== 'SKIPPED' && outcomeRank(summary.outcome) > outcomeRank(previous.outcome)) {
      regressions.push({
        failureMode: summary.failureMode,
        kind: 'outcome',
        message: `${label(summary.failureMode)}: outcome worsened from ${previous.outcome} (run ${previous.runId}) to ${summary.outcome}`,
      });
    }
  }
  return regressions;
}
