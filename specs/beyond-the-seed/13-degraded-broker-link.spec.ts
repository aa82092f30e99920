import { test } from '../../fixtures';
import { degradeLink } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, BROKER_PORT, CAUGHT_UP_LAG_MS, DEGRADED_LINK, deadlineFor } from '../settings';

/**
 * The broker's link degraded for 15 s: 200 ms (± 20 ms) on every Kafka reply, 5 % of packets lost
 * each way, and its sending capped. Nothing is down, so nothing may be lost, and the pipeline
 * must keep up: end-to-end lag stays bounded.
 */
test('13. Degraded broker link: 200 ms latency, 5 % packet loss and a bandwidth cap keep ingest lag bounded and lose no trade', { tag: '@degraded-link' }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 13, name: 'Degraded broker link' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.degradedLink,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  const { lossPercent, rateKbit, latencyMs, jitterMs, holdMs } = DEGRADED_LINK;
  await run.inject(degradeLink(stack.manifest.services.broker, { lossPercent, rateKbit, latencyMs, jitterMs, latencyPort: BROKER_PORT }), { holdMs });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.degradedLink) });
  await run.check(
    checks.lagBounded(run, DEGRADED_LINK.maxLagMs),
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    // Putting the latency proxy in and taking it out resets the consumers' connections; a commit
    // whose reply was lost is re-sent after a newer one, so the group re-reads a few records.
    // That is counted as at-least-once (silver's ledger must still be exact); end offsets must not move back.
    checks.offsetsNeverRegress({ reReads: 'report' }),
  );
});
