import { test } from '../../fixtures';
import { kill } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, deadlineFor } from '../settings';

const TABLE = 'bronze_trades_kraken';

/**
 * The crash the seed's "kill while uploading" never reaches: after the run's Iceberg commit,
 * before its watermark moves. The test holds the watermark row, so the run blocks at that write;
 * the worker is killed there. A commit order that makes the snapshot visible before the watermark
 * (K2 v2's) leaves the window committed yet still due, and the next run writes it twice.
 */
test('7. Offload killed at its commit: a run killed between Iceberg commit and watermark leaves neither, and the window lands once', { tag: '@commit-crash' }, async ({ chaos, stack, offload }) => {
  const run = chaos.experiment({
    failureMode: { number: 7, name: 'Offload killed at commit' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.offloadCommitCrash,
    timeline: offload.timeline(TABLE),
  });
  await offload.trigger(TABLE);
  await run.steadyState(offload.runsCompleting(TABLE));
  const rowLock = await test.step(`hold the watermark row of ${TABLE} until a run blocks at its commit`, () => offload.holdWatermarkRow(TABLE));
  await run.inject(kill(stack.manifest.services.offload), { heal: 'manual' });
  await test.step(`release the watermark row (the killed run was blocked on: ${rowLock.blockedQuery.slice(0, 80)})`, () => rowLock.release());
  await run.heal();
  await run.awaitRecovery(offload.runsCompleting(TABLE), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.offloadCommitCrash) });
  await run.check(
    offload.failedRunsHadNoEffect(TABLE),
    offload.watermarkNotAhead(TABLE),
    offload.icebergMatchesClickHouse(TABLE),
  );
});
