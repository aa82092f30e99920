import { expect, test } from '@playwright/test';
import { lagBounded } from '../../src/invariants/pipeline/lag-bounded';

const window = { fromMs: 1_000, toMs: 5_000 };

test('valid while every lag in the window is under the bound; samples outside it do not count', () => {
  const r = lagBounded({ lagSeries: { binance: [[500, 90_000], [2_000, 800], [4_000, 1_200]], kraken: [[3_000, 400]] }, window, maxLagMs: 2_000 });
  expect(r).toMatchObject({ status: 'valid', counts: { maxLagMs_binance: 1_200, maxLagMs_kraken: 400 } });
});

test('invalid when one exchange goes over, unknown with nothing sampled', () => {
  expect(lagBounded({ lagSeries: { binance: [[2_000, 800]], kraken: [[3_000, 7_000]] }, window, maxLagMs: 2_000 }).status).toBe('invalid');
  expect(lagBounded({ lagSeries: { binance: [[9_000, 800]] }, window, maxLagMs: 2_000 }).status).toBe('unknown');
});
