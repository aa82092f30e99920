import type { MttrHistoryEntry } from './mttr-history-entry';
import type { FailureModeSummary } from './failure-mode-summary';

/** One failure mode's latest MTTR on each target that has run it, this run's target included. */
export interface TargetComparison {
  failureMode: { number: number; name: string };
  /** Per target: the latest entry (this run's for its own target). */
  latest: Record<string, Pick<MttrHistoryEntry, 'outcome' | 'mttrMs' | 'date' | 'runId'>>;
}

/**
 * Puts this run beside the latest run of the same failure mode on every other target in the
 * history, so a reader sees whether containers change recovery. Empty when no other target
 * has run any of this run's failure modes.
 */
export function compareTargets(
  summaries: readonly FailureModeSummary[],
  target: string,
  runId: string,
  history: readonly MttrHistoryEntry[],
): TargetComparison[] {
  const comparisons: TargetComparison[] = [];
  let anyOther = false;
  for (const s of summaries) {
    const latest: TargetComparison['latest'] = {
      [target]: { outcome: s.outcome, mttrMs: s.mttrP50Ms, date: s.startedAt, runId },
    };
    for (const entry of history) {
      if (entry.failureMode.number !== s.failureMode.number || entry.target === target) continue;
      const seen = latest[entry.target];
      if (!seen || seen.date <= entry.date) latest[entry.target] = { outcome: entry.outcome, mttrMs: entry.mttrMs, date: entry.date, runId: entry.runId };
      anyOther = true;
    }
    comparisons.push({ failureMode: s.failureMode, latest });
  }
  return anyOther ? comparisons : [];
}
