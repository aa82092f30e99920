import type { InvariantResult } from '../../report-model/chaos-record';
import type { Exchange } from '../../stack/names';
import { checkWindow, rateWithin, type CountSeries, type TimeWindow } from './count-series';

export interface CrossExchangeIsolationInput {
  /** The exchanges the fault must not touch. */
  exchanges: readonly Exchange[];
  /** Cumulative ingest count per exchange (e.g. the timeline's `silver trades <exchange>`). */
  series: Partial<Record<Exchange, CountSeries>>;
  /** Before the fault: the rate to compare with. */
  baseline: TimeWindow;
  /** While the fault is in place (inject to heal, or to recovery). */
  fault: TimeWindow;
  /** Allowed relative deviation from the baseline rate, e.g. 0.5 for +/-50 %. */
  band: number;
}

/**
 * Cross-exchange isolation: while one exchange's path is broken, every other exchange keeps
 * ingesting at its baseline rate, within a band. No baseline traffic, or fewer than two samples
 * in a window, is unknown: a rate that cannot be measured proves nothing.
 */
export function crossExchangeIsolation(input: CrossExchangeIsolationInput): InvariantResult {
  const name = 'other exchanges unaffected';
  checkWindow(input.baseline, 'crossExchangeIsolation: baseline');
  checkWindow(input.fault, 'crossExchangeIsolation: fault');
  if (!(input.band > 0)) throw new Error(`crossExchangeIsolation: band must be a positive fraction, got ${input.band}`);
  if (input.exchanges.length === 0) return { name, status: 'unknown', summary: 'no exchange to check' };
  const outside: Record<string, { baselinePerS: number; faultPerS: number; change: string }> = {};
  const unknown: string[] = [];
  const counts: Record<string, number> = {};
  for (const exchange of input.exchanges) {
    const series = input.series[exchange] ?? [];
    const base = rateWithin(series, input.baseline);
    const during = rateWithin(series, input.fault);
    if (base === undefined || during === undefined) {
      unknown.push(`${exchange}: fewer than two samples in the ${base === undefined ? 'baseline' : 'fault'} window`);
      continue;
    }
    if (base <= 0) {
      unknown.push(`${exchange}: no ingestion during the baseline`);
      continue;
    }
    counts[`${exchange}BaselinePerS`] = Math.round(base * 10) / 10;
    counts[`${exchange}FaultPerS`] = Math.round(during * 10) / 10;
    const change = during / base - 1;
    if (Math.abs(change) > input.band) {
      outside[exchange] = { baselinePerS: base, faultPerS: during, change: `${change >= 0 ? '+' : ''}${Math.round(change * 100)}%` };
    }
  }
  const band = `+/-${Math.round(input.band * 100)}%`;
  const names = Object.keys(outside);
  if (names.length) {
    const detail = names.map((e) => `${e} ${outside[e]!.change}`).join(', ');
    return { name, status: 'invalid', summary: `ingest rate left the ${band} band during the fault: ${detail}`, counts, samples: outside };
  }
  if (unknown.length) return { name, status: 'unknown', summary: `cannot compare rates: ${unknown.join('; ')}`, counts };
  return { name, status: 'valid', summary: `${input.exchanges.join(', ')} kept their baseline ingest rate within ${band}`, counts };
}
