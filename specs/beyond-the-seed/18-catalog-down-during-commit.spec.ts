import { test } from '../../fixtures';
import { stop } from '../../src/chaos';
import { BEYOND_SEED_MTTR_TARGET_MS, deadlineFor, FAULT_HOLD_MS } from '../settings';

const TABLE = 'bronze_trades_coinbase';

/**
 * The catalog database (Postgres) goes down while a run commits: the test holds the watermark
 * row until a run blocks at its commit, then stops Postgres under it for 10 s. The commit must
 * not half-happen: the run ends FAILED (recorded once Postgres is back), the watermark stays
 * where it was, and the next run writes the window exactly once.
 */
test('18. Catalog database down during commit: Postgres stops under a committing run; the run fails, the watermark stays, and the next run is exact', { tag: '@catalog-down' }, async ({ chaos, stack, offload }) => {
  const run = chaos.experiment({
    failureMode: { number: 18, name: 'Catalog database down during commit' },
    mttrTargetMs: BEYOND_SEED_MTTR_TARGET_MS.catalogDownAtCommit,
    timeline: offload.timeline(TABLE),
  });
  await offload.trigger(TABLE);
  await run.steadyState(offload.runsCompleting(TABLE));
  const rowLock = await test.step(`hold the watermark row of ${TABLE} until a run blocks at its commit`, () => offload.holdWatermarkRow(TABLE));
  await run.inject(stop(stack.manifest.services.catalogDb), { holdMs: FAULT_HOLD_MS });
  // The session holding the row ended with Postgres; releasing is a formality.
  await rowLock.release();
  await run.awaitRecovery(offload.runsCompleting(TABLE), { deadlineMs: deadlineFor(BEYOND_SEED_MTTR_TARGET_MS.catalogDownAtCommit) });
  await run.check(
    offload.aRunFailed(TABLE),
    offload.failedRunsHadNoEffect(TABLE),
    offload.watermarkNotAhead(TABLE),
    offload.icebergMatchesClickHouse(TABLE),
  );
});
