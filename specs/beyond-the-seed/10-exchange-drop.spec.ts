import { test } from '../../fixtures';
import { dropExchangeConnections } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, CAUGHT_UP_LAG_MS, deadlineFor, FAULT_HOLD_MS, GAP_THRESHOLD_MS } from '../settings';
import { simulatorWithControl } from '../simulator-control';

const EXCHANGE = 'binance';

/**
 * The exchange closes the feed under a running handler and refuses new connections for a while,
 * as at maintenance (the seed only ever restarts the whole handler process, which connects at
 * once). The handler must keep retrying, reconnect by itself once it may, and fill the trades it
 * missed through REST.
 */
test('10. Exchange drops the feed: the running handler retries through 10 s of refusals, reconnects, fills the gap through REST, and no trade is lost', { tag: '@exchange-drop' }, async ({ chaos, stack, probes, checks }) => {
  const exchangeService = simulatorWithControl(stack, EXCHANGE, 'drop the feed');
  const run = chaos.experiment({
    failureMode: { number: 10, name: 'Exchange drops the feed' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.exchangeDrop,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(dropExchangeConnections(exchangeService, { refuseMs: FAULT_HOLD_MS }), { holdMs: FAULT_HOLD_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.exchangeDrop) });
  await run.check(
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.noIngestionGap(run, GAP_THRESHOLD_MS),
  );
});
