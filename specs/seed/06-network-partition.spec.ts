import { test } from '../../fixtures';
import { disconnect } from '../../src/chaos';
import { CAUGHT_UP_LAG_MS, deadlineFor, GAP_THRESHOLD_MS, MTTR_TARGET_MS, PARTITION_HOLD_MS } from '../settings';

test('6. Network partition: ClickHouse cut off from the network resumes from its committed offsets with no trade lost', { tag: ['@seed', '@partition'] }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 6, name: 'Network partition' },
    mttrTargetMs: MTTR_TARGET_MS.networkPartition,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(disconnect(stack.manifest.services.olap), { holdMs: PARTITION_HOLD_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(MTTR_TARGET_MS.networkPartition) });
  await run.check(
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.offsetsNeverRegress(),
    checks.noIngestionGap(run, GAP_THRESHOLD_MS),
  );
});
