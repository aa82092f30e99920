import { test } from '../../fixtures';
import { stop } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, CAUGHT_UP_LAG_MS, deadlineFor, LONG_OUTAGE_MS } from '../settings';

/**
 * The broker down (stopped, not restarted) for a minute: far past every producer retry, so the
 * handlers must keep what they could not send, spill it to disk past their memory bound, and
 * drain it in order once the broker is back.
 */
test('8. Long broker outage: feed handlers buffer and spill for a minute, then drain with no trade lost', { tag: '@broker-outage' }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 8, name: 'Long broker outage' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.longBrokerOutage,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(stop(stack.manifest.services.broker), { holdMs: LONG_OUTAGE_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.longBrokerOutage) });
  await run.check(
    checks.feedHandlersSpilled(),
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.offsetsNeverRegress(),
  );
});
