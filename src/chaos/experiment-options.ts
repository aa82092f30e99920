import type { StartedStack } from '../targets/started-stack';
import type { FaultJournal } from './fault-journal';
import type { MonotonicClock } from './monotonic-clock';
import type { FaultProbe, TimelineSource } from './progress-probe';

/** One row of the failure-mode matrix, as a spec states it. */
export interface ExperimentOptions {
  /** The seed's numbering and name: `{ number: 1, name: 'Redpanda restart' }`. */
  failureMode: { number: number; name: string };
  /** MTTR (firstProgress - heal) above this makes the outcome RECOVERED_LATE. */
  mttrTargetMs: number;
  /** Probe poll interval for recovery; default 100 ms. */
  pollIntervalMs?: number;
  /** Consecutive healthy polls that count as steady again; default 5. */
  steadyPolls?: number;
  /** Series sampled from the experiment's start to its end, for the evidence timeline. */
  timeline?: TimelineSource[];
  /** Default 500 ms. */
  sampleIntervalMs?: number;
}

export interface SteadyStateGateOptions {
  /** How long the probe has to show progress; default 30 s. */
  windowMs?: number;
}

export interface InjectOptions {
  /** A spec-supplied check that the fault is visible ("broker unreachable"). */
  confirm?: FaultProbe;
  /** Default 10 s. */
  confirmTimeoutMs?: number;
  /** Keep the fault in place this long after confirmation, then heal. */
  holdMs?: number;
  /** `manual`: the spec heals with `run.heal()` (or `awaitRecovery` does). Default `auto`. */
  heal?: 'auto' | 'manual';
}

export interface AwaitRecoveryOptions {
  /** Measured from the heal mark; past it the outcome is NOT_RECOVERED. */
  deadlineMs: number;
  pollIntervalMs?: number;
  steadyPolls?: number;
}

/** What the fixture hands an experiment: the stack, the journal, and the test's hooks. */
export interface ExperimentContext {
  stack: StartedStack;
  journal: FaultJournal;
  title: string;
  clock?: MonotonicClock;
  /** Wraps a phase so it shows in reports (the fixture passes `test.step`). */
  step?: <T>(title: string, body: () => Promise<T>) => Promise<T>;
  /** Skips the test with a reason (the fixture passes `testInfo.skip`). */
  skip: (reason: string) => void;
  /** One console line (stderr by default). */
  log?: (line: string) => void;
  progressLogIntervalMs?: number;
  /** Time left before the test times out, if it has a timeout; a deadline past it earns a warning. */
  testTimeLeftMs?: () => number | undefined;
}

/** Checks a spec's options up front, naming the exact option that is wrong. */
export function validateExperimentOptions(options: ExperimentOptions): void {
  const fm = options?.failureMode;
  if (!fm || !Number.isInteger(fm.number) || fm.number < 1) throw new Error(`chaos.experiment: failureMode.number must be a positive integer, got ${fm?.number}`);
  if (typeof fm.name !== 'string' || !fm.name.trim()) throw new Error('chaos.experiment: failureMode.name must be a non-empty string');
  if (!(options.mttrTargetMs > 0)) throw new Error(`chaos.experiment: mttrTargetMs must be a positive number, got ${options.mttrTargetMs}`);
  for (const key of ['pollIntervalMs', 'sampleIntervalMs'] as const) {
    const value = options[key];
    if (value !== undefined && !(value > 0)) throw new Error(`chaos.experiment: ${key} must be a positive number, got ${value}`);
  }
  if (options.steadyPolls !== undefined && !(Number.isInteger(options.steadyPolls) && options.steadyPolls >= 1)) {
    throw new Error(`chaos.experiment: steadyPolls must be a positive integer, got ${options.steadyPolls}`);
  }
}
