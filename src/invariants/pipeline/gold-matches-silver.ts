import type { InvariantResult } from '../../report-model/chaos-record';

export interface GoldMatchesSilverInput {
  /** `exchange|symbol|minute` -> trades in silver (each once). */
  silver: ReadonlyMap<string, number>;
  /** `exchange|symbol|minute` -> gold's trade_count. */
  gold: ReadonlyMap<string, number>;
  /** Whole minutes compared. */
  minutes: number;
  /** Offending minutes kept; default 10. */
  sampleSize?: number;
}

/**
 * Gold has no gap and no double count: for every whole minute, each exchange and symbol's OHLCV
 * trade_count equals the trades silver holds for it. A minute present on one side only is a gap
 * (gold missing) or a phantom (gold without silver). No minute compared proves nothing: unknown.
 */
export function goldMatchesSilver(input: GoldMatchesSilverInput): InvariantResult {
  const name = 'gold matches silver';
  const sampleSize = input.sampleSize ?? 10;
  if (input.minutes === 0 || (input.silver.size === 0 && input.gold.size === 0)) {
    return { name, status: 'unknown', summary: 'no whole minute of trades to compare' };
  }
  const keys = new Set([...input.silver.keys(), ...input.gold.keys()]);
  const mismatched: Array<{ bucket: string; silver: number; gold: number }> = [];
  let missing = 0;
  let phantom = 0;
  let differ = 0;
  for (const key of [...keys].sort()) {
    const s = input.silver.get(key) ?? 0;
    const g = input.gold.get(key) ?? 0;
    if (s === g) continue;
    if (g === 0) missing += 1;
    else if (s === 0) phantom += 1;
    else differ += 1;
    if (mismatched.length < sampleSize) mismatched.push({ bucket: key, silver: s, gold: g });
  }
  const counts = { buckets: keys.size, minutes: input.minutes, missing, phantom, differ };
  const summary = `${keys.size} exchange/symbol minutes: ${missing} missing in gold, ${phantom} only in gold, ${differ} with another trade count`;
  if (missing + phantom + differ > 0) return { name, status: 'invalid', summary, counts, samples: { mismatched } };
  return { name, status: 'valid', summary, counts };
}
