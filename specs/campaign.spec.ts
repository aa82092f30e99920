import { expect, test } from '../fixtures';
import { presentCampaignRecord } from '../reporters/present-campaign-record';
import { campaignRecord } from '../src/campaign/campaign-record';
import { describeSchedule } from '../src/campaign/campaign-schedule';
import { campaignChoiceFromEnv, campaignSchedule } from '../src/campaign/campaign-settings';
import { runInvariant } from '../src/chaos/run-invariant';
import { readLossSuspects } from '../src/campaign/read-loss-suspects';
import type { InvariantResult } from '../src/report-model/chaos-record';
import { CAUGHT_UP_LAG_MS } from './settings';

/** Before the first fault and after the last, how long the pipeline has to be caught up. */
const CATCH_UP_LIMIT_MS = 5 * 60_000;
/** How long the last offload run of a table may take once triggered. */
const OFFLOAD_RUN_LIMIT_MS = 2 * 60_000;

/**
 * A campaign: a seeded schedule of overlapping faults from the catalog on random roles (printed
 * before it starts, replayable), each healed after its hold; then, once the pipeline has caught
 * up, the ledger at every hop over the whole campaign and Iceberg against ClickHouse for every
 * offloaded window. Run by `k2-chaos campaign`, which passes
 * the schedule's options; not part of `npm run chaos`.
 */
test('Campaign: a seeded schedule of overlapping faults, then the trade ledger at every hop over the whole campaign', { tag: '@campaign' }, async ({ stack, probes, checks, campaign, offload }) => {
  const choice = campaignChoiceFromEnv();
  test.setTimeout(choice.durationMs + 3 * CATCH_UP_LIMIT_MS);
  const diskFaults = stack.diskFaultsUnsupported(stack.manifest.services.broker) === undefined;
  const { schedule, skipped } = campaignSchedule(stack.manifest, choice, { networkFaults: stack.supportsNetworkFaults, diskFaults });
  const described = [...describeSchedule(schedule), ...skipped.map((s) => `  left out: ${s}`)].join('\n');
  console.log(described);
  test.info().annotations.push({ type: 'campaign schedule', description: described });

  const caughtUp = probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS });
  const isCaughtUp = async () => caughtUp.healthy!(await caughtUp.read());
  await test.step('steady state: silver caught up before the first fault', () =>
    expect.poll(isCaughtUp, { timeout: CATCH_UP_LIMIT_MS, intervals: [1_000] }).toBe(true));
  const startedMs = Date.now();
  const runs = await campaign.run(schedule, caughtUp, probes.timeline());
  await test.step('the rest of the campaign, fault-free', () => new Promise((resolve) => setTimeout(resolve, Math.max(0, choice.durationMs - (Date.now() - startedMs)))));
  await test.step('catch up after the last fault', () =>
    expect.poll(isCaughtUp, { timeout: CATCH_UP_LIMIT_MS, intervals: [1_000] }).toBe(true)).catch(() => undefined);

  // One more run of every offloaded table, so the windows the campaign's faults touched are in Iceberg.
  const { bronzeTables, silverTable } = stack.manifest.clickhouse;
  const offloaded = [...Object.values(bronzeTables), silverTable];
  await test.step('offload every table once more', async () => {
    for (const table of offloaded) {
      const completed = offload.runsCompleting(table);
      const before = await completed.read();
      await offload.trigger(table);
      await expect.poll(async () => completed.progressed(before, await completed.read()), { timeout: OFFLOAD_RUN_LIMIT_MS, intervals: [1_000] }).toBe(true);
    }
  }).catch(() => undefined);

  const invariants: InvariantResult[] = [];
  const all = [
    checks.tradeLedger('bronze'), checks.tradeLedger('silver'), checks.goldMatchesSilver(), checks.offsetsNeverRegress({ reReads: 'report' }),
    ...offloaded.flatMap((table) => [offload.icebergMatchesClickHouse(table), offload.watermarkNotAhead(table)]),
  ];
  for (const [i, check] of all.entries()) invariants.push(await test.step(`check ${typeof check === 'function' ? check.name : check.name}`, () => runInvariant(check, i)));
  const suspects = await test.step('point at the faults around each loss', () => readLossSuspects(stack.endpoints, invariants, runs, startedMs));
  const record = campaignRecord({ choice, target: stack.target, startedAtEpochMs: startedMs, planned: schedule.faults, runs, invariants, suspects, timeline: await campaign.timeline(), unplannedExits: campaign.unplannedExits() });
  await presentCampaignRecord(test.info(), record);
  console.log(`[k2-chaos] campaign ${record.verdict}${record.reason ? `: ${record.reason}` : ''}\n[k2-chaos] replay: ${record.replay}`);
  if (record.replayUntilViolation) console.log(`[k2-chaos] replay up to the first loss: ${record.replayUntilViolation}`);
  expect(record.verdict, record.reason).toBe('PASS');
});
