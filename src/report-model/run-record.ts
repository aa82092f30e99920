import type { CampaignRecord } from '../campaign/campaign-record';
import type { ChaosRecord, ObserverRecord, Outcome, StackInfo } from './chaos-record';
import type { TargetName } from '../targets/started-stack';

/**
 * A test's verdict in the reports: the chaos outcome when the test produced a ChaosRecord,
 * otherwise what Playwright says. `ERROR` = the test failed without a chaos verdict (e.g. before
 * the experiment started, or after a PASS record); `NO_RECORD` = it passed without one.
 */
export type TestOutcome = Outcome | 'SKIPPED' | 'ERROR' | 'NO_RECORD';

/** Playwright's status of one test result. */
export type PlaywrightStatus = 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';

/** One executed test (one repetition of one spec) in the run record. */
export interface RunTestRecord {
  /** Playwright's test id; unique per repetition. */
  id: string;
  title: string;
  titlePath: string[];
  /** Spec file relative to the config's folder, with the line of the test. */
  location: string;
  tags: string[];
  /** 0-based index under `--repeat-each`. */
  repeatEachIndex: number;
  retry: number;
  /** The seed's numbering and name: from the ChaosRecord, else from the test's tag. */
  failureMode?: { number: number; name: string };
  outcome: TestOutcome;
  status: PlaywrightStatus;
  startedAt: string;
  durationMs: number;
  /** Playwright errors, first lines only; the HTML report has the full stacks. */
  errors: string[];
  /** Why a skipped test was skipped (the skip annotation). */
  skipReason?: string;
  /** Everything the test measured: marks, durations, faults, invariants, timeline readings. */
  record?: ChaosRecord;
  /** A campaign's schedule, fault runs, MTTR per kind, invariants and verdict (specs/campaign.spec.ts). */
  campaign?: CampaignRecord;
  stack?: StackInfo;
  /** With the observer as ground truth: each exchange's observer at the end of the test (reconnects, REST fills, gaps). */
  observers?: ObserverRecord[];
  /** The evidence timeline SVG, relative to the reports folder. */
  timelineSvg?: string;
}

/** One failure mode whose MTTR or outcome regressed against the history. */
export interface Regression {
  failureMode: { number: number; name: string };
  kind: 'mttr' | 'outcome';
  /** One sentence naming the failure mode and by how much ("MTTR ~4.1s is 105% over ..."). */
  message: string;
}

export interface RegressionGateResult {
  enabled: boolean;
  /** 0.5 = MTTR may exceed the history median by 50%. */
  marginRatio: number;
  /** How many past runs the median is taken over. */
  windowRuns: number;
  regressions: Regression[];
  /** The gate's verdict; always true when disabled. */
  passed: boolean;
}

/**
 * reports/run.json: the whole run, rewritten (temp file + rename) after every test, so an
 * interrupted run keeps what finished.
 */
export interface RunRecord {
  schemaVersion: 1;
  /** ISO 8601 start of the run; also the run's id in the MTTR history. */
  runId: string;
  startedAt: string;
  finishedAt?: string;
  /** `running` until the run ends; then Playwright's final status (after the gate). */
  status: 'running' | 'passed' | 'failed' | 'timedout' | 'interrupted';
  commit?: string;
  target?: TargetName;
  manifest?: string;
  /** Version per service, merged from the tests' StackInfo. */
  versions: Record<string, string>;
  playwright: { version: string; args: string[]; repeatEach: number; expectedTests: number };
  tests: RunTestRecord[];
  gate?: RegressionGateResult;
}
