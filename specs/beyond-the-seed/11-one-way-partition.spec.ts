import { test } from '../../fixtures';
import { cutOff } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, BROKER_PORT, CAUGHT_UP_LAG_MS, deadlineFor, GAP_THRESHOLD_MS, ONE_WAY_PARTITION_MS } from '../settings';

/**
 * A partial partition: ClickHouse cannot reach the broker, while the broker, the feed handlers and
 * the test still reach ClickHouse and each other. Its consumers see fetches and heartbeats time
 * out with the socket still open (no reset, unlike a full disconnect), then must resume from
 * their committed offsets.
 */
test('11. One-way partition: ClickHouse cannot reach the broker for 30 s, then resumes from its offsets with no trade lost', { tag: '@one-way' }, async ({ chaos, stack, probes, checks }) => {
  const { olap, broker } = stack.manifest.services;
  const run = chaos.experiment({
    failureMode: { number: 11, name: 'One-way partition' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.oneWayPartition,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(cutOff(olap, { toPort: BROKER_PORT, from: [broker] }), { holdMs: ONE_WAY_PARTITION_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.oneWayPartition) });
  await run.check(
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.offsetsNeverRegress(),
    checks.noIngestionGap(run, GAP_THRESHOLD_MS),
  );
});
