import { test } from '../../fixtures';
import { dropReplies } from '../../src/chaos';
import { ACK_LOSS_MS, BEYOND_SEED_MTTR_TARGET_MS, BROKER_PORT, CAUGHT_UP_LAG_MS, deadlineFor } from '../settings';

/**
 * A one-way partition: the broker stores every produce request but its acknowledgements never
 * reach the feed handlers, which time out and send the same trades again. Bronze must then hold
 * some trades twice (at-least-once), and silver each trade exactly once.
 */
test('9. Lost broker acknowledgements: producers resend what was stored; bronze holds duplicates, silver each trade once', { tag: '@lost-acks' }, async ({ chaos, stack, probes, checks }) => {
  const { broker, feedHandlers } = stack.manifest.services;
  const run = chaos.experiment({
    failureMode: { number: 9, name: 'Lost broker acknowledgements' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.lostBrokerAcks,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(dropReplies(broker, { fromPort: BROKER_PORT, to: Object.values(feedHandlers) }), { holdMs: ACK_LOSS_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.lostBrokerAcks) });
  await run.check(
    checks.redeliveredIntoBronze(),
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.goldMatchesSilver(),
    checks.offsetsNeverRegress(),
  );
});
