import { expect, test } from '@playwright/test';
import { shrinkSchedule } from '../../src/campaign/shrink-schedule';
import { selectFaults } from '../../src/campaign/select-faults';
import { campaignRecord, replayCommand } from '../../src/campaign/campaign-record';
import type { CampaignSchedule } from '../../src/campaign/campaign-schedule';

test('shrinking keeps only the faults the violation needs, one run per fault', async () => {
  // The loss needs #2 and #4 together.
  const runs: number[][] = [];
  const reproduces = async (only: number[]) => { runs.push(only); return only.includes(2) && only.includes(4); };
  const { kept, steps } = await shrinkSchedule([1, 2, 3, 4, 5], reproduces);
  expect(kept).toEqual([2, 4]);
  expect(runs).toEqual([[2, 3, 4, 5], [3, 4, 5], [2, 4, 5], [2, 5], [2, 4]]);
  expect(steps.map((s) => [s.dropped, s.reproduced])).toEqual([[1, true], [2, false], [3, true], [4, false], [5, true]]);
});

test('a violation no single drop keeps is left whole, and one fault is never dropped', async () => {
  expect((await shrinkSchedule([1, 2, 3], async (only) => only.length === 3)).kept).toEqual([1, 2, 3]);
  const calls: number[][] = [];
  expect((await shrinkSchedule([7], async (only) => { calls.push(only); return true; })).kept).toEqual([7]);
  expect(calls).toEqual([]);
});

const schedule: CampaignSchedule = {
  options: { durationMs: 150_000, seed: 3, kinds: [{ kind: 'kill', roles: ['broker'] }], maxConcurrent: 2, holdMs: { min: 5_000, max: 30_000 }, gapMs: { min: 5_000, max: 30_000 }, settleMs: 60_000 },
  faults: [1, 2, 3, 4].map((index) => ({ index, kind: 'kill', role: 'broker', atMs: index * 20_000, holdMs: 10_000 })),
};

test('a selection keeps the planned numbers and instants, by number and up to a time', () => {
  expect(selectFaults(schedule, { only: [3, 1] }).faults.map((f) => [f.index, f.atMs])).toEqual([[1, 20_000], [3, 60_000]]);
  expect(selectFaults(schedule, { untilMs: 60_000 }).faults.map((f) => f.index)).toEqual([1, 2, 3]);
  expect(selectFaults(schedule, { only: [2, 4], untilMs: 60_000 }).faults.map((f) => f.index)).toEqual([2]);
  expect(selectFaults(schedule, {}).faults).toHaveLength(4);
  expect(() => selectFaults(schedule, { only: [5] })).toThrow('campaign: --only names fault #5, but the schedule has #1, #2, #3, #4');
});

test('the replay command carries the selection', () => {
  expect(replayCommand({ durationMs: 150_000, seed: 3, faults: ['kill'], maxConcurrent: 2, only: [2, 4], untilMs: 61_000 }))
    .toBe('npx k2-chaos campaign --duration 150s --seed 3 --faults kill --max-concurrent 2 --only 2,4 --until 61s');
});

test('on a loss the record offers a replay up to 10 s past the first lost trade (it may still have been on its way), when later faults exist', () => {
  const choice = { durationMs: 150_000, seed: 3, faults: ['kill'], maxConcurrent: 2 };
  const base = { choice, target: 'embedded', planned: schedule.faults, runs: [], invariants: [], timeline: [] };
  const lost = (emittedAtMs: number) => [{ key: 'binance/BTCUSDT', firstLostId: 500, emittedAtMs, faults: [] }];
  // Fault #3 is injected at 60 s: 18.8 s after a loss emitted at 41.2 s, too late to have caused it.
  expect(campaignRecord({ ...base, suspects: lost(41_200) }).replayUntilViolation).toBe('npx k2-chaos campaign --duration 150s --seed 3 --faults kill --max-concurrent 2 --until 52s');
  // A loss emitted 1 s before fault #3 is injected: the replay must include #3.
  expect(campaignRecord({ ...base, suspects: lost(59_000) }).replayUntilViolation).toBe('npx k2-chaos campaign --duration 150s --seed 3 --faults kill --max-concurrent 2 --until 69s');
  expect(campaignRecord({ ...base, suspects: lost(71_000) }).replayUntilViolation).toBeUndefined();
  expect(campaignRecord({ ...base, suspects: [] }).replayUntilViolation).toBeUndefined();
});
