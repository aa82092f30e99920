import type { InvariantResult } from '../../report-model/chaos-record';
import type { Exchange } from '../../stack/names';
import { checkWindow, rateWithin, type CountSeries, type TimeWindow } from './count-series';

export interface CrossExchangeIsolationInput {
  /** The exchanges the fault must not touch. */
  exchanges: readonly Exchange[];
  /** Cumulative ingest count per exchange (e.g. the timeline's `silver trades <exchange>`). */
  series: Partial<Record<Exchange, CountSeries>>;
  /** While the fault is in place (inject to heal, or to recovery). */
  fault: TimeWindow;
  /**
   * Trades per second each exchange emitted over the fault window's samples (see `sampleSpan`):
   * the rate its ingest must keep.
   */
  emittedPerS: Partial<Record<Exchange, number>>;
  /** Allowed relative deviation from the emitted rate, e.g. 0.5 for +/-50 %. */
  band: number;
}

/**
 * Cross-exchange isolation: while one exchange's path is broken, every other exchange ingests
 * what it emits, within a band. The rate to keep is the exchange's own emission over the same
 * span, not a rate observed before the fault: no waiting for a baseline, and a source that
 * slows down on its own is not mistaken for a pipeline that fell behind. Nothing emitted, or
 * fewer than two samples in the window, is unknown: a rate that cannot be measured proves nothing.
 */
export function crossExchangeIsolation(input: CrossExchangeIsolationInput): InvariantResult {
  const name = 'other exchanges unaffected';
  checkWindow(input.fault, 'crossExchangeIsolation: fault');
  if (!(input.band > 0)) throw new Error(`crossExchangeIsolation: band must be a positive fraction, got ${input.band}`);
  if (input.exchanges.length === 0) return { name, status: 'unknown', summary: 'no exchange to check' };
  const outside: Record<string, { emittedPerS: number; ingestedPerS: number; change: string }> = {};
  const unknown: string[] = [];
  const counts: Record<string, number> = {};
  for (const exchange of input.exchanges) {
    const ingested = rateWithin(input.series[exchange] ?? [], input.fault);
    const emitted = input.emittedPerS[exchange];
    if (ingested === undefined) {
      unknown.push(`${exchange}: fewer than two samples in the fault window`);
      continue;
    }
    if (emitted === undefined || !(emitted > 0)) {
      unknown.push(`${exchange}: emitted nothing during the fault`);
      continue;
    }
    counts[`${exchange}EmittedPerS`] = Math.round(emitted * 10) / 10;
    counts[`${exchange}IngestedPerS`] = Math.round(ingested * 10) / 10;
    const change = ingested / emitted - 1;
    if (Math.abs(change) > input.band) {
      outside[exchange] = { emittedPerS: emitted, ingestedPerS: ingested, change: `${change >= 0 ? '+' : ''}${Math.round(change * 100)}%` };
    }
  }
  const band = `+/-${Math.round(input.band * 100)}%`;
  const names = Object.keys(outside);
  if (names.length) {
    const detail = names.map((e) => `${e} ${outside[e]!.change}`).join(', ');
    return { name, status: 'invalid', summary: `ingest left the ${band} band of the emitted rate during the fault: ${detail}`, counts, samples: outside };
  }
  if (unknown.length) return { name, status: 'unknown', summary: `cannot compare rates: ${unknown.join('; ')}`, counts };
  return { name, status: 'valid', summary: `${input.exchanges.join(', ')} ingested at their emitted rate within ${band} during the fault`, counts };
}
