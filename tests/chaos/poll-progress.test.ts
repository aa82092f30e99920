import { expect, test } from '@playwright/test';
import { ManualClock } from '../../src/chaos/manual-clock';
import { pollProgress } from '../../src/chaos/poll-progress';
import { scriptedProbe } from './support/counter-probe';

test('first progress is the first successful read past the mark; steady after N healthy polls in a row', async () => {
  const clock = new ManualClock();
  // Mark 100: two reads without progress, two errors, then progress (with one error in between).
  const probe = scriptedProbe('silver', [100, 100, { error: 'connection refused' }, { error: 'connection refused' }, 105, 110, { error: 'timeout' }, 111, 112, 113, 114, 115], clock);
  const result = await clock.run(pollProgress({ probe, mark: 100, clock, deadlineAtMs: 60_000, pollIntervalMs: 100, steadyPolls: 5 }));
  expect(result.firstProgressAtMs).toBe(400);
  // The error at poll 7 resets the run: 111..115 are polls 8..12, the 5th at 1100 ms.
  expect(result.steadyAtMs).toBe(1_100);
  expect(result.polls).toBe(12);
});

test('a probe that only errors is unhealthy, never recovered', async () => {
  const clock = new ManualClock();
  const probe = scriptedProbe('silver', [{ error: 'ECONNREFUSED' }], clock);
  const result = await clock.run(pollProgress({ probe, mark: 0, clock, deadlineAtMs: 2_000, pollIntervalMs: 100 }));
  expect(result.firstProgressAtMs).toBeUndefined();
  expect(result.steadyAtMs).toBeUndefined();
  expect(result.last).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
  expect(clock.now()).toBe(2_000);
  expect(result.polls).toBe(21);
});

test('a hung read times out as unhealthy instead of stalling the poll', async () => {
  const clock = new ManualClock();
  const probe = scriptedProbe('silver', [{ hangMs: 60_000 }, 5, 6, 7], clock);
  const result = await clock.run(pollProgress({ probe, mark: 1, clock, deadlineAtMs: 30_000, readTimeoutMs: 1_000, steadyPolls: 3 }));
  expect(result.firstProgressAtMs).toBe(1_100);
  expect(result.steadyAtMs).toBe(1_300);
});

test('progress without the probe health condition is first progress but not steady', async () => {
  const clock = new ManualClock();
  const probe = { ...scriptedProbe('lag', [1, 2, 3, 4, 5, 6, 7, 8], clock), healthy: (v: number) => v >= 6 };
  const result = await clock.run(pollProgress({ probe, mark: 1, clock, deadlineAtMs: 10_000, steadyPolls: 3 }));
  expect(result.firstProgressAtMs).toBe(100);
  expect(result.steadyAtMs).toBe(700);
});

test('a progressed() that throws is an unhealthy poll', async () => {
  const clock = new ManualClock();
  const probe = { ...scriptedProbe('bad', [2], clock), progressed: () => { throw new Error('mark has no key binance'); } };
  const result = await clock.run(pollProgress({ probe, mark: 1, clock, deadlineAtMs: 300 }));
  expect(result.firstProgressAtMs).toBeUndefined();
  expect(result.last).toMatchObject({ ok: false, error: 'bad could not judge its reading: mark has no key binance' });
});

test('abort stops polling at once', async () => {
  const clock = new ManualClock();
  const abort = new AbortController();
  const probe = scriptedProbe('silver', [0], clock);
  const polling = pollProgress({ probe, mark: 0, clock, deadlineAtMs: 1e9, signal: abort.signal });
  await clock.advance(1_000);
  abort.abort();
  const result = await clock.run(polling);
  expect(result.aborted).toBe(true);
  expect(result.polls).toBeLessThan(20);
});

test('rejects nonsense options with the option name', async () => {
  const clock = new ManualClock();
  const probe = scriptedProbe('silver', [0], clock);
  await expect(pollProgress({ probe, mark: 0, clock, deadlineAtMs: 1, steadyPolls: 0 })).rejects.toThrow('steadyPolls must be a positive integer, got 0');
  await expect(pollProgress({ probe, mark: 0, clock, deadlineAtMs: 1, pollIntervalMs: -5 })).rejects.toThrow('pollIntervalMs must be a positive number, got -5');
});

test('recovery: what the first read after heal shows accumulated unseen, so only progress after it counts', async () => {
  const clock = new ManualClock();
  // Mark 100 at heal; the first read (poll 1) shows 140 written while the probe could not see.
  const probe = scriptedProbe('silver', [{ error: 'unreachable' }, 140, 140, 140, 150, 151, 152], clock);
  const settled = await clock.run(pollProgress({ probe, mark: 100, clock, deadlineAtMs: 60_000, steadyPolls: 3, markFromFirstRead: true }));
  expect(settled.firstProgressAtMs).toBe(400);
  expect(settled.steadyAtMs).toBe(600);

  const clock2 = new ManualClock();
  const again = scriptedProbe('silver', [{ error: 'unreachable' }, 140, 140, 140, 150, 151, 152], clock2);
  const naive = await clock2.run(pollProgress({ probe: again, mark: 100, clock: clock2, deadlineAtMs: 60_000, steadyPolls: 3 }));
  expect(naive.firstProgressAtMs).toBe(100);
});
