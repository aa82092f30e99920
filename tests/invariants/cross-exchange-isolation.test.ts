import { expect, test } from '@playwright/test';
import { crossExchangeIsolation, type CountSeries } from '../../src/invariants/pipeline';
import { sampleSpan } from '../../src/invariants/pipeline/count-series';

/** A cumulative count sampled every 500 ms at `perS(t)` trades per second. */
function series(fromMs: number, toMs: number, perS: (t: number) => number): CountSeries {
  const points: Array<[number, number]> = [];
  let value = 0;
  for (let t = fromMs; t <= toMs; t += 500) {
    points.push([t, Math.round(value)]);
    value += perS(t) / 2;
  }
  return points;
}

const fault = { fromMs: 10_000, toMs: 20_000 };

test('valid while the other exchanges ingest what they emit, within the band', () => {
  const result = crossExchangeIsolation({
    exchanges: ['kraken', 'coinbase'],
    series: { kraken: series(0, 30_000, () => 100), coinbase: series(0, 30_000, (t) => (t < 10_000 ? 100 : 80)), binance: series(0, 30_000, (t) => (t < 10_000 ? 100 : 0)) },
    fault, emittedPerS: { kraken: 100, coinbase: 100, binance: 100 }, band: 0.5,
  });
  expect(result.status).toBe('valid');
  expect(result.counts).toMatchObject({ krakenEmittedPerS: 100, krakenIngestedPerS: 100, coinbaseIngestedPerS: 80 });
});

test('invalid when another exchange falls behind or surges beyond the band during the fault', () => {
  const result = crossExchangeIsolation({
    exchanges: ['kraken', 'coinbase'],
    series: { kraken: series(0, 30_000, (t) => (t >= 10_000 && t < 20_000 ? 20 : 100)), coinbase: series(0, 30_000, (t) => (t >= 10_000 ? 300 : 100)) },
    fault, emittedPerS: { kraken: 100, coinbase: 100 }, band: 0.5,
  });
  expect(result.status).toBe('invalid');
  expect(result.summary).toBe('ingest left the +/-50% band of the emitted rate during the fault: kraken -80%, coinbase +200%');
});

test('a source that slowed down on its own is judged against what it emitted, not against its earlier rate', () => {
  const slowedSource = series(0, 30_000, (t) => (t < 10_000 ? 100 : 30));
  expect(crossExchangeIsolation({ exchanges: ['kraken'], series: { kraken: slowedSource }, fault, emittedPerS: { kraken: 30 }, band: 0.5 }).status).toBe('valid');
  expect(crossExchangeIsolation({ exchanges: ['kraken'], series: { kraken: slowedSource }, fault, emittedPerS: { kraken: 100 }, band: 0.5 }).status).toBe('invalid');
});

test('unknown when nothing was emitted or with too few samples, and bad windows are named', () => {
  const flat = { kraken: series(0, 30_000, () => 100) };
  expect(crossExchangeIsolation({ exchanges: ['kraken'], series: flat, fault, emittedPerS: { kraken: 0 }, band: 0.5 }).summary).toBe('cannot compare rates: kraken: emitted nothing during the fault');
  expect(crossExchangeIsolation({ exchanges: ['kraken'], series: flat, fault, emittedPerS: {}, band: 0.5 }).status).toBe('unknown');
  expect(crossExchangeIsolation({ exchanges: ['kraken'], series: { kraken: [[11_000, 5]] }, fault, emittedPerS: { kraken: 100 }, band: 0.5 }).summary).toBe('cannot compare rates: kraken: fewer than two samples in the fault window');
  expect(crossExchangeIsolation({ exchanges: [], series: {}, fault, emittedPerS: {}, band: 0.5 }).status).toBe('unknown');
  expect(() => crossExchangeIsolation({ exchanges: ['kraken'], series: {}, fault: { fromMs: 5, toMs: 5 }, emittedPerS: {}, band: 0.5 })).toThrow(/fault must have finite fromMs < toMs/);
  expect(() => crossExchangeIsolation({ exchanges: ['kraken'], series: {}, fault, emittedPerS: {}, band: 0 })).toThrow(/band must be a positive fraction/);
});

test('the span of a window is from its first to its last sample, the span the emitted rate is read over', () => {
  const points: CountSeries = [[9_800, 0], [10_300, 50], [14_900, 500], [20_100, 1_000]];
  expect(sampleSpan(points, fault)).toEqual({ fromMs: 10_300, toMs: 14_900 });
  expect(sampleSpan(points, { fromMs: 15_000, toMs: 20_000 })).toBeUndefined();
});
