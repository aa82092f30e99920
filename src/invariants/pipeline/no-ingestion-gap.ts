import type { InvariantResult } from '../../report-model/chaos-record';
import type { Exchange } from '../../stack/names';
import { checkWindow, pointsWithin, type CountSeries, type TimeWindow } from './count-series';

export interface NoIngestionGapInput {
  /** Cumulative ingest count per exchange; every exchange named is checked. */
  series: Partial<Record<Exchange, CountSeries>>;
  /** The span the check covers (e.g. steady-state start to the end of the recovery window). */
  observed: TimeWindow;
  /** The fault and its recovery (inject to first progress): stalls there are expected. */
  fault: TimeWindow;
  /** Longest stall allowed outside the fault window. */
  thresholdMs: number;
}

type Stall = { fromMs: number; toMs: number };

/** Parts of [from, to] outside the fault window. */
function outsideFault(from: number, to: number, fault: TimeWindow): Stall[] {
  const parts: Stall[] = [];
  if (from < fault.fromMs) parts.push({ fromMs: from, toMs: Math.min(to, fault.fromMs) });
  if (to > fault.toMs) parts.push({ fromMs: Math.max(from, fault.toMs), toMs: to });
  return parts.filter((p) => p.toMs > p.fromMs);
}

/**
 * No ingestion gap longer than a threshold outside the fault window. Between two samples the
 * count may have advanced at any instant, so a stall is proven only by samples that show no
 * advance for longer than the threshold (invalid); when only the space between samples could
 * hide one (a failed or late read), the answer is unknown.
 */
export function noIngestionGap(input: NoIngestionGapInput): InvariantResult {
  const name = 'no ingestion gap outside the fault';
  checkWindow(input.observed, 'noIngestionGap: observed');
  if (!(input.fault.toMs >= input.fault.fromMs)) throw new Error(`noIngestionGap: fault must have fromMs <= toMs, got ${JSON.stringify(input.fault)}`);
  if (!(input.thresholdMs > 0)) throw new Error(`noIngestionGap: thresholdMs must be a positive number, got ${input.thresholdMs}`);
  const exchanges = Object.keys(input.series) as Exchange[];
  if (exchanges.length === 0) return { name, status: 'unknown', summary: 'no series to check' };
  const proven: Record<string, Stall & { ms: number }> = {};
  const possible: Record<string, Stall & { ms: number }> = {};
  const counts: Record<string, number> = {};
  for (const exchange of exchanges) {
    const points = pointsWithin(input.series[exchange]!, input.observed);
    if (points.length < 2) {
      possible[exchange] = { fromMs: input.observed.fromMs, toMs: input.observed.toMs, ms: input.observed.toMs - input.observed.fromMs };
      continue;
    }
    let longestProven = 0;
    // Time of the last sample that showed an advance (the first sample counts as one).
    let lastAdvanceMs = points[0]![0];
    const consider = (from: number, to: number, into: Record<string, Stall & { ms: number }>) => {
      for (const part of outsideFault(from, to, input.fault)) {
        const ms = part.toMs - part.fromMs;
        if (into === proven) longestProven = Math.max(longestProven, ms);
        if (ms > input.thresholdMs && ms > (into[exchange]?.ms ?? 0)) into[exchange] = { ...part, ms };
      }
    };
    for (let i = 1; i < points.length; i++) {
      const [prevMs] = points[i - 1]!;
      const [atMs, value] = points[i]!;
      // Certain: no advance from lastAdvance up to the previous sample. Possible: up to this one.
      consider(lastAdvanceMs, prevMs, proven);
      consider(lastAdvanceMs, atMs, possible);
      if (value > points[i - 1]![1]) lastAdvanceMs = atMs;
    }
    consider(lastAdvanceMs, points[points.length - 1]![0], proven);
    counts[`${exchange}LongestStallMs`] = longestProven;
  }
  const describe = (stalls: Record<string, Stall & { ms: number }>) =>
    Object.entries(stalls).map(([e, s]) => `${e} ${Math.round(s.ms)} ms at ${Math.round(s.fromMs)}..${Math.round(s.toMs)}`).join(', ');
  if (Object.keys(proven).length) {
    return { name, status: 'invalid', summary: `ingestion stalled beyond ${input.thresholdMs} ms outside the fault: ${describe(proven)}`, counts, samples: proven };
  }
  for (const e of Object.keys(proven)) delete possible[e];
  if (Object.keys(possible).length) {
    return { name, status: 'unknown', summary: `samples too sparse to rule out a stall beyond ${input.thresholdMs} ms: ${describe(possible)}`, counts, samples: possible };
  }
  return { name, status: 'valid', summary: `${exchanges.join(', ')}: no stall beyond ${input.thresholdMs} ms outside the fault`, counts };
}
