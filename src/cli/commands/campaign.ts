import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { parseFlags } from '../flags';
import { CAMPAIGN_FAULT_KINDS, DEFAULT_CAMPAIGN_FAULTS } from '../../campaign/campaign-faults';
import { replayCommand } from '../../campaign/campaign-record';
import { describeSchedule } from '../../campaign/campaign-schedule';
import { shrinkSchedule } from '../../campaign/shrink-schedule';
import { CAMPAIGN_ENV, campaignSchedule, type CampaignChoice } from '../../campaign/campaign-settings';
import { loadManifest } from '../../manifest/load-manifest';
import { EXCHANGES } from '../../stack/names';
import { generateAllureReport, PACKAGE_DIR } from '../../../scripts/generate-reports';
import { runPlaywright } from './chaos';

const USAGE = `Usage: k2-chaos campaign [--duration 5m] [--seed N] [--faults a,b] [--roles a,b] [--max-concurrent 2] [--rate N]
                         [--only 2,5] [--until 90s] [--shrink] [--print]

A campaign: a seeded schedule of random faults on random roles, overlapping up to a limit, each
held 5 to 30 s and healed; the last one ends a minute before the campaign does. Then, once the
pipeline has caught up, the trade ledger at every hop (lost, duplicated, unexpected) over the
whole campaign, gold against silver, offsets that never go back, and Iceberg against ClickHouse
for every offloaded table; each service's memory is sampled throughout. The same seed and
options give the same schedule, printed before it starts. It runs as specs/campaign.spec.ts
(@campaign) on the target K2_TARGET names (embedded unless set), with every report of
\`k2-chaos chaos\`.

  --duration D        5m by default; units ms, s, m, h (90s, 10m)
  --seed N            1 by default; an integer from 0 to 4294967295
  --faults a,b        fault kinds (default ${DEFAULT_CAMPAIGN_FAULTS.join(',')}); known:
                      ${Object.keys(CAMPAIGN_FAULT_KINDS).join(', ')}
  --roles a,b         roles to hit (default all): broker, olap, object-store, catalog-db, offload,
                      feed-handler:<exchange>, exchange:<exchange> (exchange kinds only)
  --max-concurrent N  most faults in place at once (default 2)
  --rate N            offered trades per second over all exchanges (embedded only: sets
                      K2_SIM_RATE per symbol for a stack this run starts)
  --only a,b          run only these faults of the schedule, by their printed numbers, at their
                      planned times (a shrunk schedule)
  --until D           run only the faults injected up to D into the campaign (a replay up to a loss)
  --shrink            after a DATA_VIOLATION, rerun without each fault in turn and keep it out
                      while the violation comes back; prints the smallest schedule found (one
                      campaign run per fault; its reports go to <reports>/shrink)
  --print             print the schedule and exit

Exits 0 when the verdict is PASS, 1 otherwise.`;

const OPTIONS = {
  duration: { type: 'string', default: '5m' },
  seed: { type: 'string', default: '1' },
  faults: { type: 'string' },
  roles: { type: 'string' },
  'max-concurrent': { type: 'string', default: '2' },
  rate: { type: 'string' },
  only: { type: 'string' },
  until: { type: 'string' },
  shrink: { type: 'boolean', default: false },
  print: { type: 'boolean', default: false },
} as const;

const UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "10m" -> 600000; a bad duration is named. */
export function parseDuration(raw: string, flag = '--duration'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(raw.trim());
  const ms = match ? Math.round(Number(match[1]) * UNITS_MS[match[2]!]!) : NaN;
  if (!(ms > 0)) throw new UsageError(`${flag} must be a number with a unit (ms, s, m, h), e.g. 10m or 90s, got "${raw}"`);
  return ms;
}

function integerFlag(raw: string, flag: string, min: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer of at least ${min}, got "${raw}"`);
  return n;
}

const list = (raw: string | undefined) => raw?.split(',').map((s) => s.trim()).filter(Boolean);

export const command: CliCommand = {
  summary: 'run a randomized, reproducible campaign of overlapping faults, checked by the ledger',
  usage: USAGE,
  async run(argv) {
    const { values } = parseFlags(argv, OPTIONS);
    const roles = list(values.roles);
    const choice: CampaignChoice = {
      durationMs: parseDuration(values.duration ?? '5m'),
      seed: integerFlag(values.seed ?? '1', '--seed', 0),
      faults: list(values.faults) ?? [...DEFAULT_CAMPAIGN_FAULTS],
      ...(roles ? { roles } : {}),
      maxConcurrent: integerFlag(values['max-concurrent'] ?? '2', '--max-concurrent', 1),
      ...(values.only !== undefined ? { only: list(values.only)!.map((n) => integerFlag(n, '--only', 1)) } : {}),
      ...(values.until !== undefined ? { untilMs: parseDuration(values.until, '--until') } : {}),
    };
    if (choice.seed > 0xffffffff) throw new UsageError(`--seed must be at most 4294967295, got ${choice.seed}`);
    const env: NodeJS.ProcessEnv = { ...process.env, K2_CAMPAIGN: '1',
      [CAMPAIGN_ENV.durationMs]: String(choice.durationMs), [CAMPAIGN_ENV.seed]: String(choice.seed),
      [CAMPAIGN_ENV.faults]: choice.faults.join(','), [CAMPAIGN_ENV.maxConcurrent]: String(choice.maxConcurrent),
      ...(roles ? { [CAMPAIGN_ENV.roles]: roles.join(',') } : {}),
      ...(choice.only ? { [CAMPAIGN_ENV.only]: choice.only.join(',') } : {}),
      ...(choice.untilMs !== undefined ? { [CAMPAIGN_ENV.untilMs]: String(choice.untilMs) } : {}) };
    if (values.rate !== undefined) {
      if ((process.env.K2_TARGET ?? 'embedded') !== 'embedded') throw new UsageError('--rate sets the simulators of a stack this run starts: only on the embedded target');
      const rate = integerFlag(values.rate, '--rate', 1);
      const symbols = Number(process.env.K2_SIM_SYMBOLS || 3);
      env.K2_SIM_RATE = String(rate / (EXCHANGES.length * symbols));
    }
    const manifest = await loadManifest(process.env.K2_MANIFEST || undefined, { cwd: PACKAGE_DIR });
    let described: string[];
    let scheduled: number[];
    try {
      // Printed before the stack is up: what the target can do, as the spec will find it.
      const { schedule, skipped } = campaignSchedule(manifest, choice, { networkFaults: true, diskFaults: (process.env.K2_TARGET ?? 'embedded') === 'embedded' });
      described = [...describeSchedule(schedule), ...skipped.map((s) => `  left out: ${s}`)];
      scheduled = schedule.faults.map((f) => f.index);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    for (const line of described) console.log(line);
    if (values.print) return 0;

    const reportsDir = resolve(PACKAGE_DIR, process.env.K2_REPORTS_DIR || 'reports');
    await rm(join(reportsDir, 'allure-results'), { recursive: true, force: true });
    const status = await runPlaywright(['--grep', '@campaign'], env);
    const allureStatus = await generateAllureReport({ reportsDir });
    if (allureStatus !== 0) console.error(`k2-chaos campaign: generating the Allure report failed (exit ${allureStatus}); the other reports are in ${reportsDir}`);
    if (values.shrink) await shrink(choice, scheduled, env, reportsDir);
    return status;
  },
};

/**
 * Reruns a violating campaign without each fault in turn (see shrink-schedule.ts), each run's
 * reports and history in <reports>/shrink so the violation's own reports stay as they are.
 */
async function shrink(choice: CampaignChoice, scheduled: number[], env: NodeJS.ProcessEnv, reportsDir: string): Promise<void> {
  const verdict = await readCampaignVerdict(reportsDir);
  if (verdict !== 'DATA_VIOLATION') {
    console.log(`k2-chaos campaign: nothing to shrink: the verdict is ${verdict ?? 'missing'}, not DATA_VIOLATION`);
    return;
  }
  const shrinkDir = join(reportsDir, 'shrink');
  const tryOnly = async (only: number[]) => {
    console.log(`k2-chaos campaign: shrink: trying faults ${only.map((n) => `#${n}`).join(', ')}`);
    await runPlaywright(['--grep', '@campaign'], { ...env, K2_REPORTS_DIR: shrinkDir, K2_HISTORY_DIR: join(shrinkDir, 'history'), [CAMPAIGN_ENV.only]: only.join(',') });
    return (await readCampaignVerdict(shrinkDir)) === 'DATA_VIOLATION';
  };
  const { kept } = await shrinkSchedule(scheduled, tryOnly, (step) =>
    console.log(`k2-chaos campaign: shrink: without #${step.dropped}: ${step.reproduced ? `still DATA_VIOLATION, #${step.dropped} stays out` : `no violation, #${step.dropped} is needed`}`));
  console.log(`k2-chaos campaign: shrunk to ${kept.length} of ${scheduled.length} faults: ${replayCommand({ ...choice, only: kept })}`);
}

/** The verdict of the campaign a run's run.json holds, or undefined when it holds none. */
async function readCampaignVerdict(reportsDir: string): Promise<string | undefined> {
  try {
    const run = JSON.parse(await readFile(join(reportsDir, 'run.json'), 'utf8')) as { tests?: Array<{ campaign?: { verdict?: string } }> };
    return run.tests?.find((t) => t.campaign)?.campaign?.verdict;
  } catch {
    return undefined;
  }
}
