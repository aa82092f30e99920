import type { InvariantResult, TimelineSeries } from '../report-model/chaos-record';
import type { CampaignChoice } from './campaign-settings';
import { IN_FLIGHT_MS, type LossSuspect } from './loss-suspects';
import type { ScheduledFault } from './campaign-schedule';
import { summarizeByKind, type KindSummary } from './campaign-summary';
import { summarizeMemory, type ServiceMemory } from './memory-summary';
import type { UnplannedExit } from './restart-exited-services';
import type { CampaignFaultRun } from './run-campaign';

/** Attachment name of a campaign's record (JSON), which the reporter renders into results.md. */
export const CAMPAIGN_RECORD_ATTACHMENT = 'k2-chaos-campaign.json';

export type CampaignVerdict = 'PASS' | 'DATA_VIOLATION' | 'NOT_RECOVERED' | 'FAULT_NOT_APPLIED';

/** Everything a campaign did and found: the reporter's input. */
export interface CampaignRecord {
  choice: CampaignChoice;
  target: string;
  /** When the schedule began (epoch ms): a reader lines the campaign up with its own clock, as bench:campaign does. */
  startedAtEpochMs?: number;
  planned: ScheduledFault[];
  runs: CampaignFaultRun[];
  byKind: KindSummary[];
  invariants: InvariantResult[];
  /**
   * Silver trades and ingest lag per exchange (every second) and each service's RSS (every 10 s),
   * sampled through the campaign (ms since its start).
   */
  timeline: TimelineSeries[];
  /** Each service's resident memory at the start and the end of the campaign, from the timeline. */
  memory: ServiceMemory[];
  /** Services that exited with no fault on them, and when they were started again (embedded). */
  unplannedExits?: UnplannedExit[];
  /** For each symbol that lost trades: the faults in place when its first lost trade was emitted. */
  suspects: LossSuspect[];
  verdict: CampaignVerdict;
  reason?: string;
  /** The command that replays the same schedule. */
  replay: string;
  /**
   * On a loss: the command that replays only the faults injected up to IN_FLIGHT_MS after the
   * first lost trade's emission (a later fault cannot have caused it); absent when that is every
   * fault.
   */
  replayUntilViolation?: string;
}

/** The command line that runs the same campaign again. */
export function replayCommand(choice: CampaignChoice): string {
  const minutes = choice.durationMs % 60_000 === 0 ? `${choice.durationMs / 60_000}m` : `${choice.durationMs / 1000}s`;
  return [`npx k2-chaos campaign --duration ${minutes} --seed ${choice.seed}`, `--faults ${choice.faults.join(',')}`,
    ...(choice.roles ? [`--roles ${choice.roles.join(',')}`] : []), `--max-concurrent ${choice.maxConcurrent}`,
    ...(choice.only ? [`--only ${choice.only.join(',')}`] : []), ...(choice.untilMs !== undefined ? [`--until ${choice.untilMs / 1000}s`] : [])].join(' ');
}

/**
 * The verdict: a data invariant not valid beats a fault that never recovered, which beats a fault
 * that could not be applied; PASS only when every fault was applied, healed and recovered and
 * every invariant is valid.
 */
export function campaignVerdict(runs: readonly CampaignFaultRun[], invariants: readonly InvariantResult[]): { verdict: CampaignVerdict; reason?: string } {
  const bad = invariants.filter((i) => i.status !== 'valid');
  if (bad.length > 0) return { verdict: 'DATA_VIOLATION', reason: bad.map((i) => `${i.name}: ${i.status} (${i.summary})`).join('; ') };
  const stuck = runs.filter((r) => r.healedAtMs === undefined || (r.injectedAtMs !== undefined && r.mttrMs === undefined));
  if (stuck.length > 0) return { verdict: 'NOT_RECOVERED', reason: stuck.map((r) => `#${r.index} ${r.name}: ${r.error ?? (r.healedAtMs === undefined ? 'never healed' : notCaughtUp(r))}`).join('; ') };
  const unapplied = runs.filter((r) => !r.confirmed);
  if (unapplied.length > 0) return { verdict: 'FAULT_NOT_APPLIED', reason: unapplied.map((r) => `#${r.index} ${r.name}: ${r.error ?? r.detail}`).join('; ') };
  return { verdict: 'PASS' };
}

function notCaughtUp(run: CampaignFaultRun): string {
  const down = run.notRunningAtLimit ?? [];
  return `not caught up within 5 min of its heal${down.length > 0 ? ` (not running then: ${down.join(', ')})` : ''}`;
}

export function campaignRecord(input: Omit<CampaignRecord, 'byKind' | 'memory' | 'verdict' | 'reason' | 'replay' | 'replayUntilViolation'>): CampaignRecord {
  const firstLossMs = Math.min(...input.suspects.flatMap((s) => (s.emittedAtMs === undefined ? [] : [s.emittedAtMs])));
  // A fault injected while the first lost trade was still on its way can have lost it.
  const untilMs = Number.isFinite(firstLossMs) ? Math.ceil((firstLossMs + IN_FLIGHT_MS) / 1000) * 1000 : undefined;
  const cut = untilMs !== undefined && input.planned.some((f) => f.atMs > untilMs);
  return {
    ...input, byKind: summarizeByKind(input.runs), memory: summarizeMemory(input.timeline),
    ...campaignVerdict(input.runs, input.invariants), replay: replayCommand(input.choice),
    ...(cut ? { replayUntilViolation: replayCommand({ ...input.choice, untilMs: Math.min(untilMs, input.choice.untilMs ?? untilMs) }) } : {}),
  };
}
