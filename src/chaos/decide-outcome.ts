import type { InvariantResult, Outcome } from '../report-model/chaos-record';
import { formatMs } from './format-ms';

/** How far an experiment got and what it found; everything `decideOutcome` needs. */
export interface OutcomeEvidence {
  mttrTargetMs: number;
  mttrMs?: number;
  /** Set when the user stopped the run (Ctrl-C, SIGTERM, a global timeout): not a pipeline outcome. */
  interrupted?: string;
  /** Set when the steady-state gate failed (nothing was injected). */
  steadyStateFailure?: string;
  /** Set when a fault could not be injected or confirmed. */
  faultNotApplied?: string;
  /** Set when the deadline passed without steady recovery. */
  notRecovered?: string;
  invariants: InvariantResult[];
  /** The test failed outside the experiment's own checks (assertion, timeout, crash), in this phase. */
  testFailure?: { phase: ExperimentPhase; message: string };
}

/** Where an experiment is; a test that fails decides its outcome by the phase it failed in. */
export type ExperimentPhase = 'created' | 'steady-state' | 'inject' | 'confirm' | 'hold' | 'heal' | 'recovery' | 'recovered' | 'invariants';

export interface OutcomeDecision {
  outcome: Outcome;
  reason?: string;
}

/**
 * The outcome of one experiment, most severe first: a failed gate or unconfirmed fault makes the
 * rest meaningless; data problems outrank lateness. An invariant that could not be decided
 * (`unknown`) is never a pass.
 */
export function decideOutcome(evidence: OutcomeEvidence): OutcomeDecision {
  if (evidence.interrupted) return { outcome: 'INTERRUPTED', reason: evidence.interrupted };
  if (evidence.steadyStateFailure) return { outcome: 'STEADY_STATE_FAILED', reason: evidence.steadyStateFailure };
  if (evidence.faultNotApplied) return { outcome: 'FAULT_NOT_APPLIED', reason: evidence.faultNotApplied };
  if (evidence.notRecovered) return { outcome: 'NOT_RECOVERED', reason: evidence.notRecovered };
  const failure = evidence.testFailure;
  if (failure) {
    const byPhase = PHASE_OUTCOME[failure.phase];
    if (byPhase !== 'DATA_VIOLATION') return { outcome: byPhase, reason: `the test failed ${PHASE_WORDS[failure.phase]}: ${failure.message}` };
  }
  const invalid = evidence.invariants.filter((i) => i.status === 'invalid');
  const unknown = evidence.invariants.filter((i) => i.status !== 'valid' && i.status !== 'invalid');
  if (invalid.length > 0 || unknown.length > 0 || failure) {
    const parts = [
      ...invalid.map((i) => `${i.name} invalid: ${i.summary}`),
      ...unknown.map((i) => `${i.name} unknown: ${i.summary}`),
      ...(failure ? [`the test failed after recovery: ${failure.message}`] : []),
    ];
    return { outcome: 'DATA_VIOLATION', reason: parts.join('; ') };
  }
  if (evidence.mttrMs !== undefined && evidence.mttrMs > evidence.mttrTargetMs) {
    return {
      outcome: 'RECOVERED_LATE',
      reason: `MTTR ${formatMs(evidence.mttrMs)} is over the target of ${formatMs(evidence.mttrTargetMs)}`,
    };
  }
  return { outcome: 'PASS' };
}

const PHASE_OUTCOME: Record<ExperimentPhase, Outcome> = {
  created: 'STEADY_STATE_FAILED',
  'steady-state': 'STEADY_STATE_FAILED',
  inject: 'FAULT_NOT_APPLIED',
  confirm: 'FAULT_NOT_APPLIED',
  hold: 'NOT_RECOVERED',
  heal: 'NOT_RECOVERED',
  recovery: 'NOT_RECOVERED',
  recovered: 'DATA_VIOLATION',
  invariants: 'DATA_VIOLATION',
};

/** Where an experiment was, in words ("while the fault was in place"). */
export const PHASE_WORDS: Record<ExperimentPhase, string> = {
  created: 'before the steady-state gate',
  'steady-state': 'during the steady-state gate',
  inject: 'while injecting the fault',
  confirm: 'while confirming the fault',
  hold: 'while the fault was in place',
  heal: 'while healing',
  recovery: 'while awaiting recovery',
  recovered: 'after recovery',
  invariants: 'while checking invariants',
};

