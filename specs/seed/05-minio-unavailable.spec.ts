import { test } from '../../fixtures';
import { stop } from '../../src/chaos';
import { CAUGHT_UP_LAG_MS, deadlineFor, MTTR_TARGET_MS } from '../settings';

const TABLE = 'bronze_trades_binance';

test('5. MinIO unavailable: offload runs fail and alert while the hot tier keeps ingesting, then resume cleanly', { tag: ['@seed', '@minio'] }, async ({ chaos, stack, probes, checks, offload }) => {
  const run = chaos.experiment({
    failureMode: { number: 5, name: 'MinIO unavailable' },
    mttrTargetMs: MTTR_TARGET_MS.minioUnavailable,
    timeline: [...probes.timeline(), ...offload.timeline(TABLE)],
  });
  await offload.trigger(TABLE);
  await run.steadyState([offload.runsCompleting(TABLE), probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS })]);
  await run.inject(stop(stack.manifest.services.objectStore), { heal: 'manual' });
  await offload.trigger(TABLE);
  await run.check(offload.runFailsWithAlert(TABLE));
  await run.heal();
  // No trigger after the heal: recovery is the worker's next scheduled run, as in the seed.
  await run.awaitRecovery(offload.runsCompleting(TABLE), { deadlineMs: deadlineFor(MTTR_TARGET_MS.minioUnavailable) });
  await run.check(
    checks.hotTierKeptIngesting(run),
    offload.failedRunsHadNoEffect(TABLE),
    offload.watermarkNotAhead(TABLE),
    offload.icebergMatchesClickHouse(TABLE),
  );
});
