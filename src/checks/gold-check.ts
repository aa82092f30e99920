import type { InvariantCheck } from '../chaos/invariant-check';
import { goldMatchesSilver } from '../invariants/pipeline/gold-matches-silver';
import type { PipelineSource } from '../probes/pipeline/pipeline-source';
import { readMinuteTradeCounts } from '../probes/pipeline/minute-trade-counts';

const SETTLE_MS = 30_000;
const POLL_INTERVAL_MS = 1_000;
/** Trades of the last moments may sit in silver before gold's view has run for their block. */
const IN_FLIGHT_MARGIN_MS = 5_000;

/** Minutes before the test compared too: gold must match silver for the stack's recent history. */
const LOOKBACK_MS = 10 * 60_000;

/** Gold's per-minute trade counts equal silver's for every whole minute of the test and the ten before it. */
export function goldCheck(source: PipelineSource, fromMs: number): InvariantCheck {
  return {
    name: 'gold matches silver',
    check: async () => {
      const toMs = Date.now() - IN_FLIGHT_MARGIN_MS;
      const settleUntil = Date.now() + SETTLE_MS;
      for (;;) {
        const result = goldMatchesSilver(await readMinuteTradeCounts(source, { fromMs: fromMs - LOOKBACK_MS, toMs }));
        if (result.status !== 'invalid' || Date.now() >= settleUntil) return result;
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    },
  };
}
