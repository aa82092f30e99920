import { test } from '../../fixtures';
import { skipLiveTrades } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, CAUGHT_UP_LAG_MS, deadlineFor, SKIPPED_TRADES_PER_SYMBOL } from '../settings';
import { simulatorWithControl } from '../simulator-control';

const EXCHANGE = 'coinbase';

/**
 * The exchange skips messages on a healthy connection: the trade ids on the live feed jump, and
 * only the REST history has the trades in between. No close, no error, no silence: only the
 * handler's check that each symbol's ids are consecutive can notice, and it must fill the gap.
 */
test('15. Exchange skips trade ids: the handler sees the ids jump on a live connection, fills the gap through REST, and no trade is lost', { tag: '@id-gap' }, async ({ chaos, stack, probes, checks }) => {
  const exchangeService = simulatorWithControl(stack, EXCHANGE, 'skip trade ids');
  const run = chaos.experiment({
    failureMode: { number: 15, name: 'Exchange skips trade ids' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.exchangeIdGap,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  // Inject returns once the exchange has left the trades out; the heal has nothing left to cancel.
  await run.inject(skipLiveTrades(exchangeService, { perSymbol: SKIPPED_TRADES_PER_SYMBOL }));
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.exchangeIdGap) });
  await run.check(
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.gapFilledThroughRest(EXCHANGE),
    checks.otherExchangesUnaffected(run, ['binance', 'kraken']),
  );
});
