import type { RecoveryMarks, TimelineSeries } from '../report-model/chaos-record';

/**
 * What an experiment has recorded so far, on its own clock (ms since it started): the recovery
 * marks and the sampled timeline. Checks that judge rates or stalls read the fault window here.
 */
export interface ExperimentEvidence {
  /** Wall-clock start (ISO 8601): ms on the experiment's clock are counted from it. */
  startedAt: string;
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

/**
 * The fault window on the experiment's clock: from inject to the end of recovery. `steady` (the
 * default) ends it when the pipeline is caught up again, so a stall while it drains its backlog is
 * part of the fault; `firstProgress` ends it at the first sign of life.
 */
export function faultWindow(evidence: ExperimentEvidence, nowMs: number, until: 'steady' | 'firstProgress' = 'steady'): { fromMs: number; toMs: number } | undefined {
  const { injectMs, firstProgressMs, healMs, steadyMs } = evidence.marks;
  if (injectMs === undefined) return undefined;
  const end = until === 'steady' ? steadyMs ?? firstProgressMs : firstProgressMs;
  return { fromMs: injectMs, toMs: end ?? healMs ?? nowMs };
}
