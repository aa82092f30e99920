import { test } from '../../fixtures';
import { stop } from '../../src/chaos';
import { CAUGHT_UP_LAG_MS, deadlineFor, FAULT_HOLD_MS, MTTR_TARGET_MS } from '../settings';

test('3. Feed handler crash: Binance resumes within 1 min with no trade lost, Kraken and Coinbase unaffected', { tag: ['@seed', '@feed-handler'] }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 3, name: 'Feed handler crash' },
    mttrTargetMs: MTTR_TARGET_MS.feedHandlerCrash,
    timeline: probes.timeline(),
  });
  const binance = probes.silverAdvancing({ exchanges: ['binance'], maxLagMs: CAUGHT_UP_LAG_MS });
  await run.steadyState([probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), binance]);
  await run.inject(stop(stack.manifest.services.feedHandlers.binance), { holdMs: FAULT_HOLD_MS });
  await run.awaitRecovery(binance, { deadlineMs: deadlineFor(MTTR_TARGET_MS.feedHandlerCrash) });
  await run.check(
    checks.otherExchangesUnaffected(run, ['kraken', 'coinbase']),
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
  );
});
