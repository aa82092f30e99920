import type { StackManifest } from '../manifest/manifest';
import { campaignKinds, type CampaignCapabilities, DEFAULT_CAMPAIGN_FAULTS } from './campaign-faults';
import { planCampaign, type CampaignSchedule } from './campaign-schedule';
import { selectFaults } from './select-faults';

/** The campaign's knobs, as `k2-chaos campaign` hands them to the spec. */
export const CAMPAIGN_ENV = {
  durationMs: 'K2_CAMPAIGN_DURATION_MS',
  seed: 'K2_CAMPAIGN_SEED',
  faults: 'K2_CAMPAIGN_FAULTS',
  roles: 'K2_CAMPAIGN_ROLES',
  maxConcurrent: 'K2_CAMPAIGN_MAX_CONCURRENT',
  only: 'K2_CAMPAIGN_ONLY',
  untilMs: 'K2_CAMPAIGN_UNTIL_MS',
} as const;

export interface CampaignChoice {
  durationMs: number;
  seed: number;
  faults: string[];
  roles?: string[];
  maxConcurrent: number;
  /** Only these faults of the planned schedule, by number (a shrunk schedule). */
  only?: number[];
  /** Only the faults injected up to this instant (a replay up to a violation). */
  untilMs?: number;
}

const DEFAULTS: CampaignChoice = { durationMs: 5 * 60_000, seed: 1, faults: [...DEFAULT_CAMPAIGN_FAULTS], maxConcurrent: 2 };
/** Holds, gaps and the quiet end of every campaign. */
const HOLD_MS = { min: 5_000, max: 30_000 };
const GAP_MS = { min: 5_000, max: 30_000 };
export const CAMPAIGN_SETTLE_MS = 60_000;

const list = (raw: string | undefined) => raw?.split(',').map((s) => s.trim()).filter(Boolean);

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`);
  return n;
}

/** The choice the environment makes (defaults where it says nothing); bad values are named. */
export function campaignChoiceFromEnv(env: NodeJS.ProcessEnv = process.env): CampaignChoice {
  const roles = list(env[CAMPAIGN_ENV.roles]);
  const only = list(env[CAMPAIGN_ENV.only])?.map((raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${CAMPAIGN_ENV.only} must list fault numbers of at least 1, got "${raw}"`);
    return n;
  });
  return {
    durationMs: integer(env, CAMPAIGN_ENV.durationMs, DEFAULTS.durationMs, 1),
    seed: integer(env, CAMPAIGN_ENV.seed, DEFAULTS.seed, 0),
    faults: list(env[CAMPAIGN_ENV.faults]) ?? DEFAULTS.faults,
    ...(roles ? { roles } : {}),
    maxConcurrent: integer(env, CAMPAIGN_ENV.maxConcurrent, DEFAULTS.maxConcurrent, 1),
    ...(only ? { only } : {}),
    ...(env[CAMPAIGN_ENV.untilMs] ? { untilMs: integer(env, CAMPAIGN_ENV.untilMs, 0, 0) } : {}),
  };
}

/** The schedule a choice gives on a stack, and the kinds left out (no network or disk faults there). */
export function campaignSchedule(manifest: StackManifest, choice: CampaignChoice, capabilities: CampaignCapabilities): { schedule: CampaignSchedule; skipped: string[] } {
  const { kinds, skipped } = campaignKinds(manifest, { faults: choice.faults, roles: choice.roles, ...capabilities });
  const planned = planCampaign({ durationMs: choice.durationMs, seed: choice.seed, kinds, maxConcurrent: choice.maxConcurrent, holdMs: HOLD_MS, gapMs: GAP_MS, settleMs: CAMPAIGN_SETTLE_MS });
  return { schedule: selectFaults(planned, choice), skipped };
}
