import { expect, test } from '@playwright/test';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { openPipelineSource, pipelineTimeline, readMinuteTradeCounts, readObservedIds, readSilverProgress, readTradeIdStats, silverProgressProbe, type PipelineSource } from '../../src/probes/pipeline';
import { goldMatchesSilver } from '../../src/invariants/pipeline';
import { applyClickHouseSchema } from '../../stack/clickhouse/schema';
import { startPrivateClickHouse, type PrivateClickHouse } from '../support/private-clickhouse';
import { bronzeRow, insertBronze } from '../clickhouse-schema/trade-rows';
import { testEndpoints } from './test-endpoints';

test.describe.configure({ mode: 'serial' });

const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

let ch: PrivateClickHouse;
let source: PipelineSource;
test.beforeAll(async () => {
  ch = await startPrivateClickHouse({ stackSettings: true });
  await applyClickHouseSchema(ch.client, { brokers: ['127.0.0.1:1'] });
  source = openPipelineSource(testEndpoints({ clickhouseUrl: ch.url }), REFERENCE_MANIFEST);
  // binance BTCUSDT: 1..100 without 10 and 50..52, with 20 twice and 30 three times; ETHUSDT 1..5.
  const btc = [...ids(1, 9), ...ids(11, 49), ...ids(53, 100), 20, 30, 30].map((id) => bronzeRow('BTCUSDT', id, T0 + id * 100));
  await insertBronze(ch.client, 'binance', btc);
  await insertBronze(ch.client, 'binance', ids(1, 5).map((id) => bronzeRow('ETHUSDT', id, T0 + id * 100)));
  await insertBronze(ch.client, 'kraken', ids(1, 40).map((id) => bronzeRow('BTC/USD', id, T0 + id * 100)));
});
test.afterAll(async () => {
  await source?.close();
  await ch?.stop();
});

test('trade id stats count rows and the highest id per exchange in bronze and silver', async () => {
  const stats = await readTradeIdStats(source);
  expect(stats.binance.bronze).toEqual({ rows: 104, maxTradeId: 100, symbols: { BTCUSDT: { rows: 99, maxTradeId: 100 }, ETHUSDT: { rows: 5, maxTradeId: 5 } } });
  expect(stats.binance.silver.rows).toBe(104);
  expect(stats.kraken.silver).toEqual({ rows: 40, maxTradeId: 40, symbols: { 'BTC/USD': { rows: 40, maxTradeId: 40 } } });
  expect(stats.coinbase).toEqual({ bronze: { rows: 0, maxTradeId: 0, symbols: {} }, silver: { rows: 0, maxTradeId: 0, symbols: {} } });
});

test('the ledger read reports missing ranges, duplicated ids, ids above the range and unnamed symbols', async () => {
  const bronze = await readObservedIds(source, { hop: 'bronze', exchange: 'binance', ranges: { BTCUSDT: [0, 90], SOLUSDT: [1, 3] }, ceilings: { BTCUSDT: 95 } });
  expect(bronze.symbols.BTCUSDT).toEqual({
    range: [0, 90], rows: 89, distinct: 86, missing: [[0, 0], [10, 10], [50, 52]],
    duplicatedIds: 2, duplicateSamples: [[20, 2], [30, 3]], beyond: { ceiling: 95, rows: 5, minId: 96, maxId: 100 },
  });
  expect(bronze.symbols.SOLUSDT).toMatchObject({ rows: 0, distinct: 0, missing: [[1, 3]] });
  expect(bronze.otherSymbols).toEqual({ ETHUSDT: 5 });

  const asStored = await readObservedIds(source, { hop: 'silver', exchange: 'binance', ranges: { BTCUSDT: [1, 100] }, final: false });
  expect(asStored.symbols.BTCUSDT).toMatchObject({ rows: 99, distinct: 96, duplicatedIds: 2, missing: [[10, 10], [50, 52]] });
  const asRead = await readObservedIds(source, { hop: 'silver', exchange: 'binance', ranges: { BTCUSDT: [1, 100] } });
  expect(asRead.final).toBe(true);
  expect(asRead.symbols.BTCUSDT).toMatchObject({ rows: 96, distinct: 96, duplicatedIds: 0, duplicateSamples: [], missing: [[10, 10], [50, 52]] });
  expect(asRead.otherSymbols).toEqual({ ETHUSDT: 5 });

  const whole = await readObservedIds(source, { hop: 'bronze', exchange: 'kraken', ranges: { 'BTC/USD': [1, 40] } });
  expect(whole.symbols['BTC/USD']).toEqual({
    range: [1, 40], rows: 40, distinct: 40, missing: [], duplicatedIds: 0, duplicateSamples: [], beyond: { ceiling: 40, rows: 0, minId: null, maxId: null },
  });
  expect(whole.otherSymbols).toEqual({});

  await expect(readObservedIds(source, { hop: 'bronze', exchange: 'binance', ranges: { BTCUSDT: [5, 4] } })).rejects.toThrow(/range of BTCUSDT/);
});

test('silver progress counts distinct trades and lag per exchange, and progresses only when every watched exchange grew', async () => {
  const now = () => T0 + 60_000;
  const mark = await readSilverProgress(source, now);
  // 104 physical rows, 101 distinct trades: BTCUSDT 96 ids (20 and 30 repeated) and ETHUSDT 5.
  expect(mark.binance).toEqual({ trades: 101, maxTradeTimeMs: T0 + 10_000, lagMs: 50_000 });
  expect(mark.coinbase).toEqual({ trades: 0, maxTradeTimeMs: null, lagMs: null });

  const all = silverProgressProbe(source, { now });
  const binanceOnly = silverProgressProbe(source, { exchanges: ['binance'], maxLagMs: 55_000, now });
  await insertBronze(ch.client, 'binance', [bronzeRow('BTCUSDT', 101, T0 + 10_100)]);
  const after = await binanceOnly.read();
  expect(binanceOnly.progressed(mark, after)).toBe(true);
  expect(all.progressed(mark, after)).toBe(false);
  expect(binanceOnly.healthy?.(after)).toBe(true);
  expect(binanceOnly.healthy?.({ ...after, binance: { ...after.binance, lagMs: 56_000 } })).toBe(false);
  expect(binanceOnly.describe(after)).toBe('binance=102 lag 49900ms');
});

test('a re-read duplicate is no progress, and a merge that drops duplicates is no step back', async () => {
  const mark = await readSilverProgress(source);
  await insertBronze(ch.client, 'binance', [bronzeRow('BTCUSDT', 40, T0 + 4_000)]);
  const probe = silverProgressProbe(source, { exchanges: ['binance'] });
  expect(probe.progressed(mark, await probe.read())).toBe(false);
  // The merge ReplacingMergeTree runs in the background, forced: physical rows drop, trades do not.
  const physical = async () => Number((await source.rows<{ n: string }>(`SELECT count() AS n FROM ${source.silverTable()} WHERE exchange = 'binance'`))[0]!.n);
  const before = await physical();
  await ch.client.command({ query: `OPTIMIZE TABLE ${source.silverTable()} FINAL` });
  expect(await physical()).toBeLessThan(before);
  expect((await readSilverProgress(source)).binance.trades).toBe(mark.binance.trades);
});

test('the timeline shares one read per tick and has no lag to report for an exchange without trades', async () => {
  const series = pipelineTimeline(source);
  const byName = Object.fromEntries(series.map((s) => [s.name, s]));
  expect(await byName['silver trades kraken']!.read()).toBe(40);
  await expect(byName['ingest lag coinbase']!.read()).rejects.toThrow(/no coinbase trade/);
});

test('minute trade counts of gold equal those of silver, duplicates included in bronze only', async () => {
  const minutes = await readMinuteTradeCounts(source, { fromMs: T0, toMs: T0 + 120_000 });
  expect(minutes.minutes).toBe(2);
  expect(minutes.silver.get(`binance|BTCUSDT|${T0 / 1000}`)).toBe(97);
  expect(minutes.gold).toEqual(minutes.silver);
  expect(goldMatchesSilver(minutes).status).toBe('valid');
});

test('a probe against an unreachable ClickHouse errors instead of reading zero', async () => {
  const dead = openPipelineSource(testEndpoints({ clickhouseUrl: 'http://127.0.0.1:9' }), REFERENCE_MANIFEST);
  try {
    await expect(readSilverProgress(dead)).rejects.toThrow();
    await expect(readTradeIdStats(dead)).rejects.toThrow();
  } finally {
    await dead.close();
  }
});
