import { test } from '../fixtures';
import { degradeLink } from '../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, CAUGHT_UP_LAG_MS, DEGRADED_LINK, deadlineFor } from './settings';

/**
 * The broker's link degraded for 30 s: 5 % of packets lost each way and its sending capped. Nothing
 * is down, so nothing may be lost, and the pipeline must keep up: end-to-end lag stays bounded.
 * (Added latency needs `tc netem`, which these kernels lack: not applied.)
 */
test('13. Degraded broker link: 5 % packet loss and a bandwidth cap for 30 s keep ingest lag bounded and lose no trade', { tag: '@degraded-link' }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 13, name: 'Degraded broker link' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.degradedLink,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(degradeLink(stack.manifest.services.broker, { lossPercent: DEGRADED_LINK.lossPercent, rateKbit: DEGRADED_LINK.rateKbit }), { holdMs: DEGRADED_LINK.holdMs });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.degradedLink) });
  await run.check(
    checks.lagBounded(run, DEGRADED_LINK.maxLagMs),
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.offsetsNeverRegress(),
  );
});
