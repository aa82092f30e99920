import { expect, test } from '@playwright/test';
import { ManualClock } from '../../src/chaos/manual-clock';

test('sleeps fire in time order and move the clock to their due time', async () => {
  const clock = new ManualClock(1_000);
  const fired: Array<[string, number]> = [];
  const a = clock.sleep(300).then(() => fired.push(['a', clock.now()]));
  const b = clock.sleep(100).then(() => fired.push(['b', clock.now()]));
  await clock.run(Promise.all([a, b]));
  expect(fired).toEqual([
    ['b', 1_100],
    ['a', 1_300],
  ]);
});

test('advance fires only the sleeps that fall due', async () => {
  const clock = new ManualClock();
  let done = false;
  void clock.sleep(500).then(() => (done = true));
  await clock.advance(499);
  expect(done).toBe(false);
  expect(clock.now()).toBe(499);
  await clock.advance(1);
  expect(done).toBe(true);
});

test('an aborted sleep resolves at once and no longer holds time', async () => {
  const clock = new ManualClock();
  const abort = new AbortController();
  const sleeping = clock.sleep(10_000, abort.signal);
  abort.abort();
  await sleeping;
  expect(clock.now()).toBe(0);
  await expect(clock.run(new Promise(() => {}))).rejects.toThrow(/waiting on something other than this clock/);
});
