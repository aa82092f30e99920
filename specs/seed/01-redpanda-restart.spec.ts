import { test } from '../../fixtures';
import { restart } from '../../src/chaos';
import { CAUGHT_UP_LAG_MS, deadlineFor, GAP_THRESHOLD_MS, MTTR_TARGET_MS } from '../settings';

test('1. Redpanda restart: consumers resume from their offsets within 2 min and no trade is lost', { tag: ['@seed', '@redpanda'] }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 1, name: 'Redpanda restart' },
    mttrTargetMs: MTTR_TARGET_MS.redpandaRestart,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(restart(stack.manifest.services.broker));
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(MTTR_TARGET_MS.redpandaRestart) });
  await run.check(
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.offsetsNeverRegress(),
    checks.noIngestionGap(run, GAP_THRESHOLD_MS),
  );
});
