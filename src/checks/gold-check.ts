import type { InvariantCheck } from '../chaos/invariant-check';
import type { InvariantResult } from '../report-model/chaos-record';
import { goldMatchesSilver } from '../invariants/pipeline/gold-matches-silver';
import type { PipelineSource } from '../probes/pipeline/pipeline-source';
import { readMinuteTradeCounts } from '../probes/pipeline/minute-trade-counts';

const SETTLE_MS = 30_000;
const POLL_INTERVAL_MS = 1_000;
/** Trades of the last moments may sit in silver before gold's view has run for their block. */
const IN_FLIGHT_MARGIN_MS = 5_000;

/** Minutes before the test compared too: gold must match silver for the stack's recent history. */
const LOOKBACK_MS = 10 * 60_000;
/**
 * A stack younger than a clock minute may have no whole minute of trades yet; the check then
 * waits for one to end rather than answer unknown (a minute and the in-flight margin at most).
 * The open minute cannot stand in: until a minute's edge is past by the in-flight margin, a gold
 * that buckets trades by ingestion time (the seeded defect) still equals one bucketing by trade
 * time, so an early answer there would pass that defect.
 */
const WHOLE_MINUTE_WAIT_MS = 60_000 + IN_FLIGHT_MARGIN_MS + 5_000;

/** Gold's per-minute trade counts equal silver's for every whole minute of the test and the ten before it. */
export function goldCheck(source: PipelineSource, fromMs: number): InvariantCheck {
  return {
    name: 'gold matches silver',
    check: async () => {
      const startedMs = Date.now();
      let toMs = startedMs - IN_FLIGHT_MARGIN_MS;
      const settleUntil = startedMs + SETTLE_MS;
      const wholeMinuteBy = startedMs + WHOLE_MINUTE_WAIT_MS;
      let firstInvalid: string | undefined;
      for (;;) {
        const result = goldMatchesSilver(await readMinuteTradeCounts(source, { fromMs: fromMs - LOOKBACK_MS, toMs }));
        const undecided = result.status === 'unknown' && Date.now() < wholeMinuteBy;
        if (result.status === 'invalid') firstInvalid ??= result.summary;
        if (undecided) toMs = Date.now() - IN_FLIGHT_MARGIN_MS;
        else if (result.status !== 'invalid' || Date.now() >= settleUntil) return withSettling(result, firstInvalid, Date.now() - startedMs);
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    },
  };
}

/** A gold that caught up only after some readings says so, with the first difference: the evidence of a lagging gold. */
function withSettling(result: InvariantResult, firstInvalid: string | undefined, waitedMs: number): InvariantResult {
  if (!firstInvalid || result.status === 'invalid') return result;
  return { ...result, summary: `${result.summary}; gold caught up after ${(waitedMs / 1_000).toFixed(1)} s (first reading: ${firstInvalid})` };
}
