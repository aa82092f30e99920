import { test } from '../../fixtures';
import { fillDisk } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, CAUGHT_UP_LAG_MS, deadlineFor, OLAP_DISK_FULL_MS } from '../settings';

/**
 * ClickHouse's disk fills up: every insert its Kafka tables make fails with ENOSPC. The trades
 * stay in the broker, and once space is freed the Kafka tables must read every block whose write
 * failed again: a consumer that committed a block before writing it (ClickHouse 18.16 at its
 * defaults, the seeded defect clickhouse-commits-before-write) loses it here every time.
 */
test('21. ClickHouse disk full: its writes fail, the broker holds the trades, and bronze, silver and gold catch up with nothing lost once space is freed', { tag: '@clickhouse-disk-full' }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 21, name: 'ClickHouse disk full' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.clickhouseDiskFull,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(fillDisk(stack.manifest.services.olap), { holdMs: OLAP_DISK_FULL_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.clickhouseDiskFull) });
  await run.check(
    // A disk that filled but took the inserts anyway would hold nothing up.
    checks.ingestHeldUp(run, OLAP_DISK_FULL_MS / 2),
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.goldMatchesSilver(),
    checks.offsetsNeverRegress(),
  );
});
