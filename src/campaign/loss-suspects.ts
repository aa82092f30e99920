import { faultsAround } from './campaign-summary';
import type { CampaignFaultRun } from './run-campaign';

/** A fault ended this recently still counts as a suspect (the pipeline was catching up). */
const RECENT_MS = 30_000;

/**
 * How long a trade may still be on its way after the exchange emits it (the handler's batch, the
 * broker, ClickHouse's Kafka block, a second or so each when healthy), so that a fault injected
 * this soon after can still lose it: a ClickHouse that commits a Kafka block before writing it
 * loses the trades emitted just before its disk filled, not during.
 */
export const IN_FLIGHT_MS = 10_000;

/** The first lost trade of one symbol, when it was emitted, and the faults around then. */
export interface LossSuspect {
  /** `exchange/symbol`. */
  key: string;
  firstLostId: number;
  /** Ms since the campaign started; undefined when the simulator could not say. */
  emittedAtMs?: number;
  faults: string[];
}

/**
 * For each symbol with lost trades (the ledger's `samples.lost`: id ranges per `exchange/symbol`),
 * the faults that were in place when its first lost trade was emitted, then those injected within
 * IN_FLIGHT_MS after (the trade was still on its way), then those that ended within 30 s before.
 * `emittedAtMs` gives those times (Unix ms) by key; `startEpochMs` is the campaign's start.
 */
export function lossSuspects(lost: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>>, emittedAtMs: Readonly<Record<string, number | undefined>>, runs: readonly CampaignFaultRun[], startEpochMs: number): LossSuspect[] {
  return Object.entries(lost).flatMap(([key, ranges]) => {
    const firstLostId = ranges[0]?.[0];
    if (firstLostId === undefined) return [];
    const at = emittedAtMs[key];
    const sinceStart = at === undefined ? undefined : at - startEpochMs;
    // In place first, then the soonest injected after, then the most recently healed.
    const around = sinceStart === undefined ? [] : faultsAround(runs, sinceStart, RECENT_MS);
    const inPlace = around.filter((r) => (r.healedAtMs ?? Infinity) >= sinceStart!);
    const healed = around.filter((r) => !inPlace.includes(r)).sort((a, b) => b.healedAtMs! - a.healedAtMs!);
    const after = sinceStart === undefined ? [] : runs
      .filter((r) => r.injectedAtMs !== undefined && r.injectedAtMs > sinceStart && r.injectedAtMs <= sinceStart + IN_FLIGHT_MS)
      .sort((a, b) => a.injectedAtMs! - b.injectedAtMs!);
    const faults = [
      ...inPlace.map((r) => `#${r.index} ${r.name} (in place)`),
      ...after.map((r) => `#${r.index} ${r.name} (injected ${((r.injectedAtMs! - sinceStart!) / 1000).toFixed(1)}s after, the trade still on its way)`),
      ...healed.map((r) => `#${r.index} ${r.name} (healed ${((sinceStart! - r.healedAtMs!) / 1000).toFixed(1)}s before)`),
    ];
    return [{ key, firstLostId, ...(sinceStart === undefined ? {} : { emittedAtMs: sinceStart }), faults }];
  });
}
