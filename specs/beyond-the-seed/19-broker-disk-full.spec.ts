import { test } from '../../fixtures';
import { fillDisk } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, BROKER_DISK_FULL_MS, CAUGHT_UP_LAG_MS, deadlineFor } from '../settings';

/**
 * The broker's disk fills up: every append fails with ENOSPC. The broker must refuse those
 * produce requests (never acknowledge a record it did not store), the handlers must hold their
 * trades and keep retrying far past their producer's own retries, and once space is freed the
 * pipeline catches up with nothing lost.
 */
test('19. Broker disk full: produce fails visibly, the handlers hold their trades, and nothing acknowledged is lost once space is freed', { tag: '@broker-disk-full' }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 19, name: 'Broker disk full' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.brokerDiskFull,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(fillDisk(stack.manifest.services.broker), { holdMs: BROKER_DISK_FULL_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.brokerDiskFull) });
  await run.check(
    checks.produceRefused(),
    // A disk that filled but took writes anyway (a page with room left) would hold nothing up.
    checks.ingestHeldUp(run, BROKER_DISK_FULL_MS / 2),
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.offsetsNeverRegress(),
  );
});
