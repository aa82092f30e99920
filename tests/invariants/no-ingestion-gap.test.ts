import { expect, test } from '@playwright/test';
import { noIngestionGap, type CountSeries } from '../../src/invariants/pipeline';

/** Samples every 500 ms of a count that grows except while `stalled(t)`. */
function series(toMs: number, stalled: (t: number) => boolean = () => false, skip: (t: number) => boolean = () => false): CountSeries {
  const points: Array<[number, number]> = [];
  let value = 0;
  for (let t = 0; t <= toMs; t += 500) {
    if (!stalled(t)) value += 50;
    if (!skip(t)) points.push([t, value]);
  }
  return points;
}

const observed = { fromMs: 0, toMs: 30_000 };
const fault = { fromMs: 10_000, toMs: 18_000 };

test('valid when ingestion only stops inside the fault window', () => {
  const result = noIngestionGap({ series: { binance: series(30_000, (t) => t > 10_000 && t < 18_000), kraken: series(30_000) }, observed, fault, thresholdMs: 2_000 });
  expect(result.status).toBe('valid');
  expect(result.counts).toEqual({ binanceLongestStallMs: 0, krakenLongestStallMs: 0 });
});

test('invalid for a stall beyond the threshold outside the fault, including one that runs on past recovery', () => {
  const before = noIngestionGap({ series: { kraken: series(30_000, (t) => t > 3_000 && t <= 7_000) }, observed, fault, thresholdMs: 2_000 });
  expect(before.status).toBe('invalid');
  expect(before.samples).toEqual({ kraken: { fromMs: 3_000, toMs: 7_000, ms: 4_000 } });
  // Stalled from inside the fault until 23 s: the 5 s after the fault's end count.
  const after = noIngestionGap({ series: { binance: series(30_000, (t) => t > 12_000 && t <= 23_000) }, observed, fault, thresholdMs: 2_000 });
  expect(after.status).toBe('invalid');
  expect(after.summary).toBe('ingestion stalled beyond 2000 ms outside the fault: binance 5000 ms at 18000..23000');
});

test('unknown when missing samples could hide a stall, or there are too few samples', () => {
  const sparse = noIngestionGap({ series: { coinbase: series(30_000, () => false, (t) => t > 2_000 && t < 6_000) }, observed, fault, thresholdMs: 2_000 });
  expect(sparse.status).toBe('unknown');
  expect(sparse.summary).toMatch(/too sparse/);
  expect(noIngestionGap({ series: { coinbase: [[100, 1]] }, observed, fault, thresholdMs: 2_000 }).status).toBe('unknown');
  expect(noIngestionGap({ series: {}, observed, fault, thresholdMs: 2_000 }).status).toBe('unknown');
});

test('rejects a bad threshold and points out of order', () => {
  expect(() => noIngestionGap({ series: { kraken: series(1_000) }, observed, fault, thresholdMs: 0 })).toThrow(/thresholdMs must be a positive number/);
  expect(() => noIngestionGap({ series: { kraken: [[1_000, 1], [500, 2]] }, observed, fault, thresholdMs: 1 })).toThrow(/time order/);
});
