import { expect, test } from '@playwright/test';
import { InFlightWatch, type InFlightReaders } from '../../src/checks/in-flight-watch';
import type { AckedTradeIds } from '../../src/probes/feed-handler/acked-trade-ids';
import type { BrokerOffsets } from '../../src/probes/pipeline/broker-offsets';

const truth = { binance: { fromMs: 0, toMs: 1_000, lastIds: {}, symbols: { BTCUSDT: { firstId: 1, lastId: 100, count: 100 } } } };

function offsets(high: number, committed: number): Partial<BrokerOffsets> {
  return { binance: { topic: 't', group: 'g', endOffsetSum: high, totalLag: high - committed, partitions: [{ partition: 0, low: 0, high, committed, lag: high - committed }] } };
}

/** Readers that answer from scripted queues and log the order of the reads. */
function scripted(acked: AckedTradeIds[], brokers: Array<Partial<BrokerOffsets> | Error>) {
  const reads: string[] = [];
  const readers: InFlightReaders = {
    ackedIds: async () => (reads.push('handlers'), acked.shift() ?? {}),
    offsets: async () => {
      reads.push('broker');
      const next = brokers.shift();
      if (next instanceof Error) throw next;
      return next ?? {};
    },
  };
  return { readers, reads };
}

test('settles only after the handlers acknowledged past the window and ClickHouse then read past the end', async () => {
  const { readers, reads } = scripted([{ binance: { BTCUSDT: 99 } }, { binance: { BTCUSDT: 120 } }], [offsets(500, 480), offsets(530, 499), offsets(560, 500)]);
  const watch = new InFlightWatch(truth, readers);
  await watch.step();
  expect(watch.settled).toBe(false);
  expect(watch.waitingFor).toBe('binance/BTCUSDT: acknowledged up to id 99, the window ends at 100');
  await watch.step(); // handlers past the window: the end offsets are marked (500)
  await watch.step(); // committed 499 < 500
  expect(watch.settled).toBe(false);
  expect(watch.waitingFor).toContain('committed 499, the end was 500');
  await watch.step();
  expect(watch.settled).toBe(true);
  expect(reads).toEqual(['handlers', 'handlers', 'broker', 'broker', 'broker']);
});

test('a failed broker reading leaves the watch unsettled and says why', async () => {
  const { readers } = scripted([{ binance: { BTCUSDT: 100 } }], [offsets(10, 10), new Error('broker down')]);
  const watch = new InFlightWatch(truth, readers);
  await watch.step();
  await watch.step();
  expect(watch.settled).toBe(false);
  expect(watch.waitingFor).toBe('a reading failed: broker down');
});

test('offsets committed before the handlers were past the window do not count', async () => {
  // The consumers are at the end from the start, but the mark is only taken once the handlers are past the window.
  const { readers } = scripted([{ binance: { BTCUSDT: 50 } }, { binance: { BTCUSDT: 100 } }], [offsets(700, 650), offsets(700, 690)]);
  const watch = new InFlightWatch(truth, readers);
  await watch.step();
  await watch.step();
  await watch.step();
  expect(watch.settled).toBe(false);
});
