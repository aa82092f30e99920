import { test } from '../../fixtures';
import { kill } from '../../src/chaos';
import { deadlineFor, MTTR_TARGET_MS } from '../settings';

/** One table per run: a kill ends the rest of that run's cycle, so the scene stays exact. */
const TABLE = 'bronze_trades_binance';

test('4. Offload failure: a run killed while uploading moves no watermark and the next run offloads the window exactly once', { tag: ['@seed', '@offload'] }, async ({ chaos, stack, offload }) => {
  const run = chaos.experiment({
    failureMode: { number: 4, name: 'Offload failure' },
    mttrTargetMs: MTTR_TARGET_MS.offloadFailure,
    timeline: offload.timeline(TABLE),
  });
  await offload.trigger(TABLE);
  await run.steadyState(offload.runsCompleting(TABLE));
  await offload.holdRunAt(TABLE, 'uploading');
  await run.inject(kill(stack.manifest.services.offload));
  // No trigger after the heal: recovery is the worker's next scheduled run, as in the seed.
  await run.awaitRecovery(offload.runsCompleting(TABLE), { deadlineMs: deadlineFor(MTTR_TARGET_MS.offloadFailure) });
  await run.check(
    offload.failedRunsHadNoEffect(TABLE),
    offload.watermarkNotAhead(TABLE),
    offload.icebergMatchesClickHouse(TABLE),
  );
});
