import type { RecoveryMarks, TimelineSeries } from '../report-model/chaos-record';

/**
 * What an experiment has recorded so far, on its own clock (ms since it started): the recovery
 * marks and the sampled timeline. Checks that judge rates or stalls read the fault window here.
 */
export interface ExperimentEvidence {
  marks: RecoveryMarks;
  timeline: TimelineSeries[];
}

/** Anything that can hand over its evidence (the Experiment does). */
export interface EvidenceSource {
  evidence(): ExperimentEvidence;
}

/** The series named `name`, as [ms, value] points; empty when it was never sampled. */
export function seriesNamed(evidence: ExperimentEvidence, name: string): Array<[number, number]> {
  return evidence.timeline.find((s) => s.name === name)?.points ?? [];
}

/** The fault window: inject to first progress (or heal, or now when neither came). */
export function faultWindow(evidence: ExperimentEvidence, nowMs: number): { fromMs: number; toMs: number } | undefined {
  const { injectMs, firstProgressMs, healMs } = evidence.marks;
  if (injectMs === undefined) return undefined;
  return { fromMs: injectMs, toMs: firstProgressMs ?? healMs ?? nowMs };
}
