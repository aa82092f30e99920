import { expect, test } from '@playwright/test';
import { counterObserved, ingestHeldUp, produceRefusedObserved, redeliveryObserved, spillObserved } from '../../src/invariants/pipeline/fault-reached';
import { counterIncrease } from '../../src/probes/feed-handler/feed-handler-counters';

test('redelivery: valid only when bronze holds some trade twice', () => {
  const ledger = (duplicated: number) => ({ name: 'trade ledger (bronze)', status: 'valid' as const, summary: '', counts: { duplicated, duplicateRows: duplicated * 2 } });
  expect(redeliveryObserved(ledger(12))).toMatchObject({ status: 'valid', counts: { duplicatedIds: 12, extraRows: 24 } });
  expect(redeliveryObserved(ledger(0)).status).toBe('unknown');
  expect(redeliveryObserved({ name: 'x', status: 'unknown', summary: 'no ground truth' }).status).toBe('unknown');
});

test('spill: valid only when some handler spilled, with the count per exchange', () => {
  expect(spillObserved({ binance: 1200, kraken: 0 })).toMatchObject({ status: 'valid', counts: { spilled: 1200, spilled_binance: 1200 } });
  expect(spillObserved({ binance: 0, kraken: 0 }).status).toBe('unknown');
  expect(spillObserved({}).summary).toContain('no handler read');
});

test('a handler counter: valid only when the named exchange\'s moved; another exchange\'s does not count', () => {
  const observe = (counts: Record<string, number>) => counterObserved({ name: 'gap filled', exchange: 'coinbase', counts, what: 'trades recovered through REST', missing: 'never filled' });
  expect(observe({ coinbase: 300, binance: 0 })).toEqual({ name: 'gap filled', status: 'valid', counts: { coinbase: 300 }, summary: '300 trades recovered through REST on coinbase' });
  expect(observe({ coinbase: 0, binance: 500 })).toMatchObject({ status: 'unknown', summary: '0 trades recovered through REST on coinbase: never filled' });
  expect(observe({ binance: 500 })).toMatchObject({ status: 'unknown', summary: "coinbase's feed handler did not answer its metrics" });
});

test('a counter that went down belongs to a restarted handler and counts from 0', () => {
  expect(counterIncrease({ binance: 100, kraken: 50 }, { binance: 130, kraken: 20, coinbase: 7 })).toEqual({ binance: 30, kraken: 20, coinbase: 7 });
});

test('ingest held up: valid only when some exchange fell behind by the bound inside the fault window', () => {
  const lagSeries = { binance: [[1_000, 200], [5_000, 9_000], [20_000, 30_000]] as Array<[number, number]>, kraken: [[5_000, 300]] as Array<[number, number]> };
  expect(ingestHeldUp({ lagSeries, window: { fromMs: 2_000, toMs: 10_000 }, minLagMs: 6_000 })).toMatchObject({ status: 'valid', counts: { maxLagMs: 9_000 } });
  const mild = ingestHeldUp({ lagSeries, window: { fromMs: 2_000, toMs: 10_000 }, minLagMs: 10_000 });
  expect(mild).toMatchObject({ status: 'unknown', summary: 'worst lag only binance 9000 ms, kraken 300 ms: the clients rode the fault out, so it never reached their reconnects' });
  expect(ingestHeldUp({ lagSeries, window: { fromMs: 30_000, toMs: 40_000 }, minLagMs: 1 }).status).toBe('unknown');
});

test('produce refused: valid only when every handler had produce requests fail; a handler that never failed or did not answer is unknown', () => {
  const all = ['binance', 'kraken', 'coinbase'];
  expect(produceRefusedObserved({ binance: 10, kraken: 3, coinbase: 1 }, all)).toMatchObject({ status: 'valid', summary: 'failed produce attempts, each retried: binance 10, kraken 3, coinbase 1' });
  expect(produceRefusedObserved({ binance: 10, kraken: 0, coinbase: 1 }, all)).toMatchObject({ status: 'unknown', summary: 'no produce failed on kraken (binance 10, kraken 0, coinbase 1): the fault never reached their retry path' });
  expect(produceRefusedObserved({ binance: 10, coinbase: 1 }, all)).toMatchObject({ status: 'unknown', summary: 'kraken did not answer their metrics (binance 10, kraken no answer, coinbase 1)' });
});
