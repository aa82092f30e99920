import { test } from '../../fixtures';
import { flapLink } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, CAUGHT_UP_LAG_MS, deadlineFor, FLAPPING_LINK } from '../settings';

/**
 * The broker's link flaps: down, briefly up, down again. Every client reconnects into
 * a link that is about to go again: the handlers' producers retry and buffer, ClickHouse's
 * consumers rejoin their groups. Once it settles, nothing may be lost or delivered out of order.
 */
test('17. Flapping broker link: the broker drops off the network for 12 s, comes back for 5 s and drops off again, and the pipeline catches up with no trade lost', { tag: '@flapping' }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 17, name: 'Flapping broker link' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.flappingBrokerLink,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(flapLink(stack.manifest.services.broker, { downMs: FLAPPING_LINK.downMs, upMs: FLAPPING_LINK.upMs }), { holdMs: FLAPPING_LINK.holdMs });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.flappingBrokerLink) });
  await run.check(
    // Each down must outlast the clients' timeouts, or they ride it out and nothing reconnects.
    checks.ingestHeldUp(run, FLAPPING_LINK.downMs / 2),
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.offsetsNeverRegress(),
  );
});
