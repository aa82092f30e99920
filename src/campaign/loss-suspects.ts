import { faultsAround } from './campaign-summary';
import type { CampaignFaultRun } from './run-campaign';

/** A fault ended this recently still counts as a suspect (the pipeline was catching up). */
const RECENT_MS = 30_000;

/** The first lost trade of one symbol, when it was emitted, and the faults in place or just healed then. */
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
 * the faults that were in place, or ended within 30 s, when its first lost trade was emitted.
 * `emittedAtMs` gives those times (Unix ms) by key; `startEpochMs` is the campaign's start.
 */
export function lossSuspects(lost: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>>, emittedAtMs: Readonly<Record<string, number | undefined>>, runs: readonly CampaignFaultRun[], startEpochMs: number): LossSuspect[] {
  return Object.entries(lost).flatMap(([key, ranges]) => {
    const firstLostId = ranges[0]?.[0];
    if (firstLostId === undefined) return [];
    const at = emittedAtMs[key];
    const sinceStart = at === undefined ? undefined : at - startEpochMs;
    // In place first, then the most recently healed.
    const around = sinceStart === undefined ? [] : faultsAround(runs, sinceStart, RECENT_MS);
    const inPlace = around.filter((r) => (r.healedAtMs ?? Infinity) >= sinceStart!);
    const healed = around.filter((r) => !inPlace.includes(r)).sort((a, b) => b.healedAtMs! - a.healedAtMs!);
    const faults = [
      ...inPlace.map((r) => `#${r.index} ${r.name} (in place)`),
      ...healed.map((r) => `#${r.index} ${r.name} (healed ${((sinceStart! - r.healedAtMs!) / 1000).toFixed(1)}s before)`),
    ];
    return [{ key, firstLostId, ...(sinceStart === undefined ? {} : { emittedAtMs: sinceStart }), faults }];
  });
}
