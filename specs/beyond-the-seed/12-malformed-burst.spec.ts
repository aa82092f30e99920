import { test } from '../../fixtures';
import { malformedBurst } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, CAUGHT_UP_LAG_MS, deadlineFor, GAP_THRESHOLD_MS, MALFORMED_BURST_MESSAGES, MALFORMED_WATCH_MS } from '../settings';
import { simulatorWithControl } from '../simulator-control';

const EXCHANGE = 'binance';

/**
 * The exchange sends a burst of broken messages among its trades. The handler must dead-letter
 * every one with its reason, neither crash nor stall, lose no trade, and leave the other
 * exchanges' ingest alone.
 */
test('12. Malformed burst: every broken message reaches the DLQ, no trade is lost, and the other exchanges are unaffected', { tag: '@malformed' }, async ({ chaos, stack, probes, checks }) => {
  const exchangeService = simulatorWithControl(stack, EXCHANGE, 'send malformed messages');
  const run = chaos.experiment({
    failureMode: { number: 12, name: 'Malformed burst' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.malformedBurst,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  const burst = malformedBurst(exchangeService, { count: MALFORMED_BURST_MESSAGES });
  await run.inject(burst, { holdMs: MALFORMED_WATCH_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.malformedBurst) });
  await run.check(
    checks.deadLettered(EXCHANGE, () => burst.delivered()),
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.otherExchangesUnaffected(run, ['kraken', 'coinbase']),
    checks.noIngestionGap(run, GAP_THRESHOLD_MS),
  );
});
