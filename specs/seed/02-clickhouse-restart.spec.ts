import { test } from '../../fixtures';
import { restart } from '../../src/chaos';
import { CAUGHT_UP_LAG_MS, deadlineFor, GAP_THRESHOLD_MS, MTTR_TARGET_MS } from '../settings';

test('2. ClickHouse restart: the broker holds the trades and silver and gold resume within 3 min without gaps', { tag: ['@seed', '@clickhouse'] }, async ({ chaos, stack, probes, checks }) => {
  const run = chaos.experiment({
    failureMode: { number: 2, name: 'ClickHouse restart' },
    mttrTargetMs: MTTR_TARGET_MS.clickhouseRestart,
    timeline: probes.timeline(),
  });
  await run.steadyState(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }));
  await run.inject(restart(stack.manifest.services.olap));
  await run.awaitRecovery(probes.silverAdvancing({ maxLagMs: CAUGHT_UP_LAG_MS }), { deadlineMs: deadlineFor(MTTR_TARGET_MS.clickhouseRestart) });
  await run.check(
    checks.tradeLedger('bronze'),
    checks.tradeLedger('silver'),
    checks.goldMatchesSilver(),
    checks.offsetsNeverRegress(),
    checks.noIngestionGap(run, GAP_THRESHOLD_MS),
  );
});
