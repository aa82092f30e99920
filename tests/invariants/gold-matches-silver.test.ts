import { expect, test } from '@playwright/test';
import { goldMatchesSilver } from '../../src/invariants/pipeline/gold-matches-silver';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

test('valid when every minute of gold counts the trades silver holds', () => {
  const same = { 'binance|BTCUSDT|60': 120, 'kraken|BTC/USD|60': 98 };
  expect(goldMatchesSilver({ silver: counts(same), gold: counts(same), minutes: 1 })).toMatchObject({ status: 'valid', counts: { buckets: 2, missing: 0 } });
});

test('invalid for a minute missing in gold, one only in gold, and a double count', () => {
  const result = goldMatchesSilver({
    silver: counts({ 'binance|BTCUSDT|60': 120, 'binance|BTCUSDT|120': 40, 'kraken|BTC/USD|60': 98 }),
    gold: counts({ 'binance|BTCUSDT|60': 121, 'kraken|BTC/USD|60': 98, 'coinbase|BTC-USD|60': 5 }),
    minutes: 2,
  });
  expect(result.status).toBe('invalid');
  expect(result.counts).toEqual({ buckets: 4, minutes: 2, missing: 1, phantom: 1, differ: 1 });
  expect(result.samples?.mismatched).toEqual([
    { bucket: 'binance|BTCUSDT|120', silver: 40, gold: 0 },
    { bucket: 'binance|BTCUSDT|60', silver: 120, gold: 121 },
    { bucket: 'coinbase|BTC-USD|60', silver: 0, gold: 5 },
  ]);
});

test('unknown when no whole minute was compared', () => {
  expect(goldMatchesSilver({ silver: counts({}), gold: counts({}), minutes: 3 }).status).toBe('unknown');
  expect(goldMatchesSilver({ silver: counts({ a: 1 }), gold: counts({ a: 1 }), minutes: 0 }).status).toBe('unknown');
});
