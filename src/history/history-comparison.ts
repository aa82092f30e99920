import type { MttrHistoryEntry } from './mttr-history-entry';
import type { FailureModeSummary } from './failure-mode-summary';
import { median } from './statistics';

/** A failure mode's MTTR in this run against earlier runs on the same target. */
export interface HistoryComparison {
  failureMode: { number: number; name: string };
  currentMs?: number;
  /** The latest earlier run of this failure mode, measured or not. */
  previous?: MttrHistoryEntry;
  previousMs?: number;
  deltaPreviousMs?: number;
  /** Median MTTR over the last `windowRuns` earlier runs that measured one. */
  medianMs?: number;
  medianOfRuns: number;
  deltaMedianMs?: number;
}

/** Earlier entries of one failure mode on one target, oldest first. */
export function pastEntries(history: readonly MttrHistoryEntry[], failureModeNumber: number, target: string): MttrHistoryEntry[] {
  return history.filter((e) => e.failureMode.number === failureModeNumber && e.target === target);
}

export function compareWithHistory(
  summary: FailureModeSummary,
  target: string,
  history: readonly MttrHistoryEntry[],
  windowRuns: number,
): HistoryComparison {
  const past = pastEntries(history, summary.failureMode.number, target);
  const measured = past.filter((e) => e.mttrMs !== undefined);
  const window = measured.slice(-windowRuns).map((e) => e.mttrMs!);
  const previousMs = measured.at(-1)?.mttrMs;
  const medianMs = median(window);
  const currentMs = summary.mttrP50Ms;
  return {
    failureMode: summary.failureMode,
    currentMs,
    previous: past.at(-1),
    previousMs,
    deltaPreviousMs: currentMs !== undefined && previousMs !== undefined ? currentMs - previousMs : undefined,
    medianMs,
    medianOfRuns: window.length,
    deltaMedianMs: currentMs !== undefined && medianMs !== undefined ? currentMs - medianMs : undefined,
  };
}
