import { expect, test } from '@playwright/test';
import { tradeLedger } from '../../src/invariants/pipeline';
import type { ObservedIds, ObservedSymbolIds } from '../../src/probes/pipeline/observed-trade-ids';
import type { ExchangeGroundTruth } from '../../src/probes/pipeline/simulator-emitted';
import { runInvariant } from '../../src/chaos/run-invariant';

const truth = (symbols: Record<string, [number, number] | null>, lastIds: Record<string, number> = {}): ExchangeGroundTruth => ({
  fromMs: 0,
  toMs: 1_000,
  symbols: Object.fromEntries(Object.entries(symbols).map(([s, r]) => [s, r ? { firstId: r[0], lastId: r[1], count: r[1] - r[0] + 1 } : { firstId: null, lastId: null, count: 0 }])),
  lastIds: { ...Object.fromEntries(Object.entries(symbols).map(([s, r]) => [s, r ? r[1] : 0])), ...lastIds },
});

function exact(range: [number, number], over: Partial<ObservedSymbolIds> = {}): ObservedSymbolIds {
  const n = range[1] - range[0] + 1;
  return { range, rows: n, distinct: n, missing: [], duplicatedIds: 0, duplicateSamples: [], beyond: { ceiling: range[1], rows: 0, minId: null, maxId: null }, ...over };
}

const observed = (exchange: 'binance' | 'kraken', symbols: Record<string, ObservedSymbolIds>, otherSymbols: Record<string, number> = {}): ObservedIds => ({
  hop: 'bronze', exchange, final: false, symbols, otherSymbols,
});

test('valid when every emitted id is present once at the hop', () => {
  const result = tradeLedger({
    hop: 'silver',
    expected: { binance: truth({ BTCUSDT: [101, 200], ETHUSDT: null }), kraken: truth({ 'BTC/USD': [1, 50] }) },
    observed: { binance: observed('binance', { BTCUSDT: exact([101, 200]) }, { ETHUSDT: 40 }), kraken: observed('kraken', { 'BTC/USD': exact([1, 50]) }) },
  });
  expect(result).toMatchObject({ status: 'valid', counts: { expected: 150, present: 150, lost: 0, duplicated: 0, unexpected: 0 } });
  expect(result.summary).toBe('silver: 0 lost, 0 duplicated, 0 unexpected of 150 emitted trades');
});

test('invalid with lost ranges counted exactly and sampled', () => {
  const result = tradeLedger({
    hop: 'silver',
    expected: { binance: truth({ BTCUSDT: [1, 100] }) },
    observed: { binance: observed('binance', { BTCUSDT: exact([1, 100], { rows: 96, distinct: 96, missing: [[10, 10], [50, 52]] }) }) },
  });
  expect(result.status).toBe('invalid');
  expect(result.counts).toMatchObject({ expected: 100, present: 96, lost: 4 });
  expect(result.samples).toEqual({ lost: { 'binance/BTCUSDT': [[10, 10], [50, 52]] } });
});

test('duplicates fail by default and are only reported when the hop is at-least-once', () => {
  const dup = { binance: observed('binance', { BTCUSDT: exact([1, 100], { rows: 103, duplicatedIds: 2, duplicateSamples: [[20, 2], [30, 3]] }) }) };
  const expected = { binance: truth({ BTCUSDT: [1, 100] }) };
  const strict = tradeLedger({ hop: 'silver', expected, observed: dup });
  expect(strict.status).toBe('invalid');
  expect(strict.counts).toMatchObject({ duplicated: 2, duplicateRows: 3, lost: 0 });
  const reported = tradeLedger({ hop: 'bronze', expected, observed: dup, duplicates: 'report' });
  expect(reported.status).toBe('valid');
  expect(reported.summary).toBe('bronze: 0 lost, 2 duplicated (3 extra rows, reported: at-least-once), 0 unexpected of 100 emitted trades');
  expect(reported.samples).toEqual({ duplicated: { 'binance/BTCUSDT': [[20, 2], [30, 3]] } });
});

test('ids beyond anything emitted and symbols the exchange does not trade are unexpected', () => {
  const result = tradeLedger({
    hop: 'bronze',
    duplicates: 'report',
    expected: { binance: truth({ BTCUSDT: [1, 10] }, { BTCUSDT: 12 }) },
    observed: {
      binance: observed('binance', { BTCUSDT: exact([1, 10], { beyond: { ceiling: 12, rows: 2, minId: 900, maxId: 901 } }) }, { DOGEUSDT: 3 }),
    },
  });
  expect(result.status).toBe('invalid');
  expect(result.counts?.unexpected).toBe(5);
  expect(result.samples?.unexpected).toEqual({
    'binance/BTCUSDT': { aboveLastEmittedId: 12, rows: 2, ids: [900, 901] },
    'binance/DOGEUSDT': { unknownSymbol: true, rows: 3 },
  });
});

test('unknown for an empty window, a missing observation, or ranges read that differ from those emitted', () => {
  expect(tradeLedger({ hop: 'silver', expected: {}, observed: {} }).status).toBe('unknown');
  expect(tradeLedger({ hop: 'silver', expected: { binance: truth({ BTCUSDT: null }) }, observed: { binance: observed('binance', {}) } }).status).toBe('unknown');
  const missing = tradeLedger({ hop: 'silver', expected: { binance: truth({ BTCUSDT: [1, 10] }) }, observed: {} });
  expect(missing).toMatchObject({ status: 'unknown' });
  expect(missing.summary).toContain('binance: not observed');
  const shifted = tradeLedger({ hop: 'silver', expected: { binance: truth({ BTCUSDT: [1, 10] }) }, observed: { binance: observed('binance', { BTCUSDT: exact([1, 9]) }) } });
  expect(shifted.status).toBe('unknown');
  // A proven loss elsewhere still makes the whole ledger invalid.
  const mixed = tradeLedger({
    hop: 'silver',
    expected: { binance: truth({ BTCUSDT: [1, 10] }), kraken: truth({ 'BTC/USD': [1, 5] }) },
    observed: { kraken: observed('kraken', { 'BTC/USD': exact([1, 5], { distinct: 4, rows: 4, missing: [[3, 3]] }) }) },
  });
  expect(mixed.status).toBe('invalid');
});

test('a ledger checker that crashes on its input yields unknown through runInvariant', async () => {
  const broken = { binance: { hop: 'silver', exchange: 'binance', final: true, symbols: { BTCUSDT: { range: [1, 10] } }, otherSymbols: {} } } as unknown as Record<'binance', ObservedIds>;
  const result = await runInvariant({ name: 'trade ledger (silver)', check: async () => tradeLedger({ hop: 'silver', expected: { binance: truth({ BTCUSDT: [1, 10] }) }, observed: broken }) }, 0);
  expect(result).toMatchObject({ name: 'trade ledger (silver)', status: 'unknown' });
  expect(result.summary).toMatch(/^checker crashed/);
});

test('a symbol the ground truth cannot vouch for makes the ledger unknown with its reason, never valid', () => {
  const result = tradeLedger({
    hop: 'silver',
    expected: { binance: { ...truth({ BTCUSDT: [1, 100] }), unknown: { ETHUSDT: 'id 57 in the window is not seen yet' } } },
    observed: { binance: observed('binance', { BTCUSDT: exact([1, 100]) }, { ETHUSDT: 60 }) },
  });
  expect(result.status).toBe('unknown');
  expect(result.summary).toContain('binance/ETHUSDT: ground truth unknown: id 57 in the window is not seen yet');
});

test('a loss proven on a known symbol stays invalid beside an unknown one', () => {
  const result = tradeLedger({
    hop: 'silver',
    expected: { binance: { ...truth({ BTCUSDT: [1, 100] }), unknown: { ETHUSDT: 'gap' } } },
    observed: { binance: observed('binance', { BTCUSDT: exact([1, 100], { rows: 99, distinct: 99, missing: [[7, 7]] }) }) },
  });
  expect(result.status).toBe('invalid');
});

test('rows of symbols an observer does not watch are unexpected only when it covers every symbol', () => {
  const watched = truth({ BTCUSDT: [1, 10] });
  const hop = { binance: observed('binance', { BTCUSDT: exact([1, 10]) }, { DOGEUSDT: 5 }) };
  expect(tradeLedger({ hop: 'silver', expected: { binance: watched }, observed: hop }).status).toBe('invalid');
  expect(tradeLedger({ hop: 'silver', expected: { binance: { ...watched, coversEverySymbol: false } }, observed: hop }).status).toBe('valid');
});
