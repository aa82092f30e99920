import { expect, test } from '@playwright/test';
import { lateTradeWindow } from '../../src/checks/late-trade-window';

function clockAt(start: number) {
  let nowMs = start;
  return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

test('the first ledger read opens the window for the whole settle time', () => {
  const clock = clockAt(1_000);
  const window = lateTradeWindow({ settleMs: 60_000, floorMs: 10_000, now: clock.now });
  clock.advance(5_000);
  expect(window.until()).toBe(66_000);
});

test('a later check waits only for what is left of the window', () => {
  const clock = clockAt(0);
  const window = lateTradeWindow({ settleMs: 60_000, floorMs: 10_000, now: clock.now });
  window.until();
  clock.advance(2_000);
  expect(window.until()).toBe(60_000);
});

test('a check after the window is spent still gets the floor, so the next hop can take in the last arrivals', () => {
  const clock = clockAt(0);
  const window = lateTradeWindow({ settleMs: 60_000, floorMs: 10_000, now: clock.now });
  window.until();
  clock.advance(60_000);
  expect(window.until()).toBe(70_000);
  clock.advance(55_000);
  expect(window.until()).toBe(125_000);
});
