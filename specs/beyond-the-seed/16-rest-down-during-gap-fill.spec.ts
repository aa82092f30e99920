import { test } from '../../fixtures';
import { restOutage, skipLiveTrades } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, CAUGHT_UP_LAG_MS, deadlineFor, REST_OUTAGE_MS } from '../settings';
import { simulatorWithControl } from '../simulator-control';

const EXCHANGE = 'binance';
/** A gap of a few seconds' trades per symbol: enough to need REST, small beside the outage. */
const SKIPPED_PER_SYMBOL = 60;

/**
 * The exchange's REST API is down just when the handler needs it: a gap on the live feed must be
 * filled while every history request fails. The handler must hold the live trades, keep retrying
 * with backoff, and fill the gap once REST is back: no trade lost, the other exchanges unaffected.
 */
test('16. REST down during gap fill: the handler keeps retrying the history while REST is down, fills the gap once it is back, and no trade is lost', { tag: '@rest-down' }, async ({ chaos, stack, probes, checks }) => {
  const exchangeService = simulatorWithControl(stack, EXCHANGE, 'take REST down');
  const run = chaos.experiment({
    failureMode: { number: 16, name: 'REST down during gap fill' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.restDownDuringFill,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  // REST goes down first, so the gap opens with no history to fill it; both heal after the hold.
  await run.inject(restOutage(exchangeService, { durationMs: 2 * REST_OUTAGE_MS }), { heal: 'manual' });
  await run.inject(skipLiveTrades(exchangeService, { perSymbol: SKIPPED_PER_SYMBOL }), { holdMs: REST_OUTAGE_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.restDownDuringFill) });
  await run.check(
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.gapFillRetried(EXCHANGE),
    checks.gapFilledThroughRest(EXCHANGE),
    checks.otherExchangesUnaffected(run, ['kraken', 'coinbase']),
  );
});
