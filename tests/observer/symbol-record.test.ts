import { expect, test } from '@playwright/test';
import { SymbolRecord } from '../../src/observer/symbol-record';

/** Ids 100.. at one per 10 ms from t=1000, skipping `skip`. */
function record(last: number, skip: number[] = []): SymbolRecord {
  const r = new SymbolRecord();
  for (let id = 100; id <= last; id++) if (!skip.includes(id)) r.add(id, 1_000 + (id - 100) * 10);
  return r;
}

test('a window of a whole record is the contiguous range of ids in it', () => {
  const r = record(5_000);
  expect(r.window(1_050, 1_100)).toEqual({ ids: { firstId: 105, lastId: 110, count: 6 } });
  expect(r.missing).toBe(0);
  expect(r.lastId).toBe(5_000);
});

test('an open gap inside the window makes it unknown, naming the id; filling it makes it known', () => {
  const r = record(300, [150, 151]);
  expect(r.gaps()).toEqual([[150, 151]]);
  expect(r.window(1_400, 1_600)).toEqual({ unknown: expect.stringContaining('id 150 in the window is not seen yet') });
  expect(r.window(1_000, 1_400)).toEqual({ ids: { firstId: 100, lastId: 140, count: 41 } });
  r.add(150, 1_500);
  r.add(151, 1_510);
  r.add(151, 1_510);
  expect(r.missing).toBe(0);
  expect(r.window(1_400, 1_600)).toEqual({ ids: { firstId: 140, lastId: 160, count: 21 } });
});

test('a gap just before the window is unknown too: its ids may fall in the window', () => {
  const r = record(300, [139]);
  expect(r.window(1_400, 1_500)).toEqual({ unknown: expect.stringContaining('ids just before 140') });
});

test('a window that starts before the first trade seen, or a record with none, is unknown', () => {
  expect(record(200).window(900, 1_200)).toEqual({ unknown: expect.stringContaining('before the first trade seen') });
  expect(new SymbolRecord().window(0, 1)).toEqual({ unknown: 'no trade seen yet' });
});

test('grows past its first allocation without losing times', () => {
  const r = record(100 + 50_000);
  expect(r.timeOf(100 + 40_000)).toBe(1_000 + 400_000);
  expect(r.window(1_000, 1_000 + 500_000)).toEqual({ ids: { firstId: 100, lastId: 50_100, count: 50_001 } });
});
