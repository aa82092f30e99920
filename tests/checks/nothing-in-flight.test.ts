import { expect, test } from '@playwright/test';
import { consumersReadPast, handlersAckedPastWindow } from '../../src/checks/nothing-in-flight';
import type { BrokerOffsets, TopicOffsets } from '../../src/probes/pipeline/broker-offsets';
import type { ExchangeGroundTruth } from '../../src/probes/pipeline/simulator-emitted';

function window(symbols: Record<string, [number, number] | null>): ExchangeGroundTruth {
  return {
    fromMs: 0, toMs: 1_000, lastIds: {},
    symbols: Object.fromEntries(Object.entries(symbols).map(([s, r]) => [s, r ? { firstId: r[0], lastId: r[1], count: r[1] - r[0] + 1 } : { firstId: null, lastId: null, count: 0 }])),
  };
}

function topic(partitions: Array<[number, number]>): TopicOffsets {
  return {
    topic: 'market.crypto.trades.binance.raw', group: 'clickhouse_bronze_binance', endOffsetSum: 0, totalLag: 0,
    partitions: partitions.map(([high, committed], partition) => ({ partition, low: 0, high, committed, lag: Math.max(0, high - committed) })),
  };
}

test('handlers settle once every symbol is acknowledged at or past the window\'s last id', () => {
  const truth = { binance: window({ BTCUSDT: [1, 100], ETHUSDT: [5, 50] }) };
  expect(handlersAckedPastWindow(truth, { binance: { BTCUSDT: 100, ETHUSDT: 73 } })).toEqual({ settled: true });
});

test('a symbol acknowledged short of the window is still in flight, and named', () => {
  const truth = { binance: window({ BTCUSDT: [1, 100], ETHUSDT: [5, 50] }) };
  expect(handlersAckedPastWindow(truth, { binance: { BTCUSDT: 140, ETHUSDT: 49 } })).toEqual({ settled: false, reason: 'binance/ETHUSDT: acknowledged up to id 49, the window ends at 50' });
});

test('a handler that reports nothing (restarted, or not ours) proves nothing', () => {
  const truth = { binance: window({ BTCUSDT: [1, 100] }), kraken: window({ 'BTC/USD': [1, 10] }) };
  const verdict = handlersAckedPastWindow(truth, { binance: { BTCUSDT: 100 } });
  expect(verdict).toEqual({ settled: false, reason: 'kraken/BTC/USD: its feed handler reports no acknowledged trade' });
});

test('a symbol that emitted nothing in the window needs no acknowledgement', () => {
  expect(handlersAckedPastWindow({ binance: window({ BTCUSDT: null }) }, {})).toEqual({ settled: true });
});

test('consumers settle once every partition is committed at or past the end read at the mark', () => {
  const mark = { binance: topic([[100, 90], [50, 50]]) } as Partial<BrokerOffsets>;
  const now = { binance: topic([[130, 100], [70, 60]]) } as Partial<BrokerOffsets>;
  expect(consumersReadPast(mark, now, ['binance'])).toEqual({ settled: true });
});

test('a partition still short of the mark keeps the window open, even with the rest past it', () => {
  const mark = { binance: topic([[100, 90], [50, 50]]) } as Partial<BrokerOffsets>;
  const now = { binance: topic([[130, 120], [70, 49]]) } as Partial<BrokerOffsets>;
  expect(consumersReadPast(mark, now, ['binance'])).toEqual({ settled: false, reason: 'clickhouse_bronze_binance on market.crypto.trades.binance.raw/1: committed 49, the end was 50' });
});

test('an empty partition the group never committed on does not hold the window open', () => {
  // Six partitions, three symbols keyed by symbol: some partitions never see a record.
  const mark = { binance: topic([[100, 90], [0, -1]]) } as Partial<BrokerOffsets>;
  const now = { binance: topic([[120, 100], [0, -1]]) } as Partial<BrokerOffsets>;
  expect(consumersReadPast(mark, now, ['binance'])).toEqual({ settled: true });
});

test('a group that never committed on a partition with records, or an exchange with no reading, is not settled', () => {
  const mark = { binance: topic([[10, -1]]) } as Partial<BrokerOffsets>;
  expect(consumersReadPast(mark, mark, ['binance'])).toMatchObject({ settled: false });
  expect(consumersReadPast(mark, mark, ['binance', 'kraken'])).toMatchObject({ settled: false });
});
