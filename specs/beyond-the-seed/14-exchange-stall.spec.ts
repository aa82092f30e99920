import { test } from '../../fixtures';
import { stallExchange } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, CAUGHT_UP_LAG_MS, deadlineFor } from '../settings';
import { simulatorWithControl } from '../simulator-control';

/** Past the caught-up lag, so at heal the stalled exchange is visibly behind. */
const STALL_OBSERVED_MS = 5_000;

const EXCHANGE = 'kraken';

/**
 * A silent stall: the exchange's session hangs with the socket open, still answering pings, so
 * no close and no error ever arrives. The handler must notice the silence within its limit,
 * reconnect, and fill what it missed through REST.
 */
test('14. Exchange stalls silently: the handler notices the dead feed behind a live socket, reconnects, and no trade is lost', { tag: '@exchange-stall' }, async ({ chaos, stack, probes, checks }) => {
  const exchangeService = simulatorWithControl(stack, EXCHANGE, 'stall the feed');
  const run = chaos.experiment({
    failureMode: { number: 14, name: 'Exchange stalls silently' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.exchangeStall,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  // Nothing heals a hung session; the hold only starts the recovery clock once the silence shows.
  await run.inject(stallExchange(exchangeService), { holdMs: STALL_OBSERVED_MS });
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.exchangeStall) });
  await run.check(
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.otherExchangesUnaffected(run, ['binance', 'coinbase']),
  );
});
