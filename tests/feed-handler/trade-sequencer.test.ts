import { expect, test } from '@playwright/test';
import type { FillFrom, FillPage } from '../../services/feed-handler/exchanges/exchange-adapter';
import type { ParsedTrade } from '../../services/feed-handler/exchanges/parsed-trade';
import { backoffDelayMs } from '../../services/feed-handler/exchange-connection';
import { TradeSequencer, type SequencerSink } from '../../services/feed-handler/trade-sequencer';

const trade = (id: number, symbol = 'S'): ParsedTrade => ({ symbol, tradeId: id, price: 1, quantity: 1, priceText: '1', quantityText: '1', buyerIsMaker: false, exchangeTsMs: 1_000 + id, raw: '{}' });

/** A sink whose REST history holds `history` ids; records what was emitted and reported. */
function fakeSink(history: number[], options: { failFirst?: number; room?: () => boolean } = {}) {
  const emitted: Array<[number, string]> = [];
  const events = { duplicates: 0, unrecoverable: [] as Array<[number, number]>, fillErrors: 0, dropped: 0 };
  let failures = options.failFirst ?? 0;
  const sink: SequencerSink = {
    emit: (t, source) => {
      if (options.room && !options.room()) return false;
      emitted.push([t.tradeId, source]);
      return true;
    },
    waitForRoom: async () => undefined,
    fetchAfter: async (_symbol: string, from: FillFrom): Promise<FillPage> => {
      if (failures-- > 0) throw new Error('REST down');
      return { trades: history.filter((id) => id > from.tradeId).slice(0, 3).map((id) => trade(id)), rejected: [] };
    },
    onFillError: () => { events.fillErrors++; },
    onRejected: () => undefined,
    onDropped: (n) => { events.dropped += n; },
    onDuplicate: () => { events.duplicates++; },
    onUnrecoverable: (_s, from, to) => { events.unrecoverable.push([from, to]); },
  };
  return { sink, emitted, events };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('passes consecutive live trades through and skips repeats', async () => {
  const { sink, emitted, events } = fakeSink([]);
  const seq = new TradeSequencer(['S'], sink);
  for (const id of [1, 2, 2, 3, 1]) seq.live(trade(id));
  expect(emitted).toEqual([[1, 'ws'], [2, 'ws'], [3, 'ws']]);
  expect(events.duplicates).toBe(2);
});

test('a gap in the live feed is filled from REST, then the held live trades follow in order', async () => {
  const { sink, emitted } = fakeSink(range(1, 20));
  const seq = new TradeSequencer(['S'], sink);
  seq.live(trade(1));
  seq.live(trade(9));
  seq.live(trade(11));
  seq.live(trade(10));
  await seq.settle();
  expect(emitted.map(([id]) => id)).toEqual(range(1, 11));
  expect(emitted.filter(([, s]) => s === 'rest').map(([id]) => id)).toEqual(range(2, 8));
});

test('after a restart it fills from the last produced id up to what the feed brings, retrying REST failures', async () => {
  const { sink, emitted, events } = fakeSink(range(1, 30), { failFirst: 2 });
  const seq = new TradeSequencer(['S'], sink);
  seq.setLast('S', { tradeId: 12, timeMs: 1_012 });
  seq.fillAll();
  seq.live(trade(25));
  seq.live(trade(26));
  await seq.settle();
  // Live trades held during the fill end it; REST is not read past them.
  expect(emitted.map(([id]) => id)).toEqual(range(13, 26));
  expect(events.fillErrors).toBe(2);
});

test('ids that neither the feed nor the history have are reported as unrecoverable, not waited for forever', async () => {
  test.setTimeout(20_000);
  const history = [...range(1, 5), ...range(9, 12)];
  const { sink, emitted, events } = fakeSink(history);
  const seq = new TradeSequencer(['S'], sink);
  seq.setLast('S', { tradeId: 5, timeMs: 1_005 });
  seq.live(trade(12));
  await seq.settle();
  expect(emitted.map(([id]) => id)).toEqual([9, 10, 11, 12]);
  expect(events.unrecoverable).toEqual([[6, 8]]);
});

test('backoff grows exponentially up to the cap and is jittered within its upper half', () => {
  const opts = { initialMs: 100, maxMs: 5_000 };
  expect([0, 1, 2, 3].map((a) => backoffDelayMs(a, opts, () => 0))).toEqual([50, 100, 200, 400]);
  expect(backoffDelayMs(3, opts, () => 0.999)).toBeCloseTo(799.6, 0);
  expect(backoffDelayMs(50, opts, () => 1)).toBe(5_000);
  expect(backoffDelayMs(50, opts, () => 0)).toBe(2_500);
});
