import { expect, test } from '@playwright/test';
import { crossExchangeIsolation, type CountSeries } from '../../src/invariants/pipeline';

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

const baseline = { fromMs: 0, toMs: 10_000 };
const fault = { fromMs: 10_000, toMs: 20_000 };

test('valid while the other exchanges keep their baseline rate within the band', () => {
  const result = crossExchangeIsolation({
    exchanges: ['kraken', 'coinbase'],
    series: { kraken: series(0, 30_000, () => 100), coinbase: series(0, 30_000, (t) => (t < 10_000 ? 100 : 80)), binance: series(0, 30_000, (t) => (t < 10_000 ? 100 : 0)) },
    baseline, fault, band: 0.5,
  });
  expect(result.status).toBe('valid');
  expect(result.counts).toMatchObject({ krakenBaselinePerS: 100, krakenFaultPerS: 100, coinbaseFaultPerS: 80 });
});

test('invalid when another exchange slows or surges beyond the band during the fault', () => {
  const result = crossExchangeIsolation({
    exchanges: ['kraken', 'coinbase'],
    series: { kraken: series(0, 30_000, (t) => (t >= 10_000 && t < 20_000 ? 20 : 100)), coinbase: series(0, 30_000, (t) => (t >= 10_000 ? 300 : 100)) },
    baseline, fault, band: 0.5,
  });
  expect(result.status).toBe('invalid');
  expect(result.summary).toBe('ingest rate left the +/-50% band during the fault: kraken -80%, coinbase +200%');
});

test('unknown without baseline traffic or with too few samples, and bad windows are named', () => {
  expect(crossExchangeIsolation({ exchanges: ['kraken'], series: { kraken: series(0, 30_000, () => 0) }, baseline, fault, band: 0.5 }).status).toBe('unknown');
  expect(crossExchangeIsolation({ exchanges: ['kraken'], series: { kraken: [[1_000, 5]] }, baseline, fault, band: 0.5 }).status).toBe('unknown');
  expect(crossExchangeIsolation({ exchanges: ['kraken'], series: {}, baseline, fault, band: 0.5 }).status).toBe('unknown');
  expect(crossExchangeIsolation({ exchanges: [], series: {}, baseline, fault, band: 0.5 }).status).toBe('unknown');
  expect(() => crossExchangeIsolation({ exchanges: ['kraken'], series: {}, baseline: { fromMs: 5, toMs: 5 }, fault, band: 0.5 })).toThrow(/baseline must have finite fromMs < toMs/);
  expect(() => crossExchangeIsolation({ exchanges: ['kraken'], series: {}, baseline, fault, band: 0 })).toThrow(/band must be a positive fraction/);
});
