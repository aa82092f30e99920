import type { TargetName } from '../targets/started-stack';

/** How one failure-mode test ended. Every outcome but PASS fails the Playwright test. */
export type Outcome =
  | 'PASS'
  | 'RECOVERED_LATE'
  | 'NOT_RECOVERED'
  | 'DATA_VIOLATION'
  | 'FAULT_NOT_APPLIED'
  | 'STEADY_STATE_FAILED'
  /** Stopped by the user (Ctrl-C, SIGTERM, a global timeout): no verdict on the pipeline; heals still run and are reported. */
  | 'INTERRUPTED';

/** Jepsen's three checker results: a checker that crashes yields `unknown`, never `valid`. */
export type InvariantStatus = 'valid' | 'invalid' | 'unknown';

export interface InvariantResult {
  name: string;
  status: InvariantStatus;
  /** One line a reader understands without the details ("0 lost, 0 duplicated of 41 230 trades"). */
  summary: string;
  /** Named counts, e.g. { expected, lost, duplicated, unexpected }. */
  counts?: Record<string, number>;
  /** A few offending items, e.g. lost trade ids per symbol. */
  samples?: Record<string, unknown>;
}

/** Instants on the test's monotonic clock, in ms since the experiment started. */
export interface RecoveryMarks {
  injectMs?: number;
  healMs?: number;
  firstProgressMs?: number;
  steadyMs?: number;
}

export interface FaultRecord {
  /** e.g. "restart broker", "disconnect clickhouse". */
  name: string;
  service: string;
  action: 'restart' | 'stop' | 'kill' | 'pause' | 'disconnect' | 'drop-replies' | 'cut-off' | 'drop-connections' | 'malformed-burst' | 'degrade-link' | 'stall-connections' | 'skip-trades' | 'rest-outage' | 'flap-link' | 'fill-disk' | 'read-only-disk';
  /** What the fault was applied with, for faults that take parameters. */
  parameters?: Record<string, string | number>;
  injectedAt: string;
  healedAt?: string;
  confirmed: boolean;
  healError?: string;
}

/** One sampled series for the evidence timeline (ingest rate per exchange, end-to-end lag). */
export interface TimelineSeries {
  name: string;
  unit: string;
  /** [ms since experiment start, value] */
  points: Array<[number, number]>;
}

/**
 * What one chaos test reports. The test attaches it as JSON (attachment name
 * CHAOS_RECORD_ATTACHMENT); reporters only read it.
 */
export interface ChaosRecord {
  schemaVersion: 1;
  /** The seed's numbering and name: { number: 1, name: 'Redpanda restart' }. */
  failureMode: { number: number; name: string };
  title: string;
  target: TargetName;
  manifest: string;
  outcome: Outcome;
  /** Why the outcome is not PASS, in one sentence. */
  reason?: string;
  mttrTargetMs: number;
  /** Wall-clock time the experiment started (ISO 8601); marks are offsets from it. */
  startedAt: string;
  marks: RecoveryMarks;
  /** MTTR = firstProgress - heal; outage = firstProgress - inject; timeToSteady = steady - heal. */
  durations: { mttrMs?: number; outageMs?: number; timeToSteadyMs?: number };
  faults: FaultRecord[];
  invariants: InvariantResult[];
  /** Free-form notes for the results table ("12 410 trades during the outage; bronze kept 3 duplicates"). */
  notes: string[];
  timeline: TimelineSeries[];
}

/** Attachment names reporters look for; other attachments (Allure's own messages) are ignored. */
export const CHAOS_RECORD_ATTACHMENT = 'k2-chaos-record';
export const STACK_INFO_ATTACHMENT = 'k2-chaos-stack';
/** Attached by the probes fixture when the observer is the ground truth. */
export const OBSERVER_ATTACHMENT = 'k2-chaos-observer';

/** The observers' own record at the end of a test: what the ledger's ground truth rested on. */
export interface ObserverRecord {
  exchange: string;
  healthy: boolean;
  reason?: string;
  connected: boolean;
  /** Times the observer's own connection dropped and came back. */
  reconnects: number;
  trades: number;
  openGaps: number;
  restCalls: number;
  lastError?: string;
}

/** Attached once per test by the stack fixture. */
export interface StackInfo {
  target: TargetName;
  manifest: string;
  versions: Record<string, string>;
}
