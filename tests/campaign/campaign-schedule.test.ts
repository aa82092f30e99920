import { expect, test } from '@playwright/test';
import { describeSchedule, laneOf, planCampaign, type CampaignOptions } from '../../src/campaign/campaign-schedule';
import { SeededRandom } from '../../src/campaign/seeded-random';

const OPTIONS: CampaignOptions = {
  durationMs: 600_000,
  seed: 42,
  kinds: [{ kind: 'kill', roles: ['broker', 'olap', 'feed-handler:binance'] }, { kind: 'partition', roles: ['broker', 'olap'] }],
  maxConcurrent: 2,
  holdMs: { min: 5_000, max: 30_000 },
  gapMs: { min: 2_000, max: 20_000 },
  settleMs: 60_000,
};

test('the same seed and options give the same schedule; another seed another', () => {
  expect(planCampaign(OPTIONS)).toEqual(planCampaign(OPTIONS));
  expect(planCampaign({ ...OPTIONS, seed: 43 }).faults).not.toEqual(planCampaign(OPTIONS).faults);
  expect(new SeededRandom(7).next()).toBe(new SeededRandom(7).next());
});

test('faults overlap up to the limit, never two on one role, and all end before the settle time', () => {
  const { faults } = planCampaign(OPTIONS);
  expect(faults.length).toBeGreaterThan(10);
  let overlapped = false;
  for (const f of faults) {
    const atStart = faults.filter((g) => g.atMs <= f.atMs && g.atMs + g.holdMs > f.atMs);
    expect(atStart.length).toBeLessThanOrEqual(2);
    if (atStart.length === 2) overlapped = true;
    expect(new Set(atStart.map((g) => g.role)).size).toBe(atStart.length);
    expect(f.holdMs).toBeGreaterThanOrEqual(5_000);
    expect(f.atMs + f.holdMs).toBeLessThanOrEqual(540_000);
    expect(OPTIONS.kinds.find((k) => k.kind === f.kind)!.roles).toContain(f.role);
  }
  expect(overlapped).toBe(true);
  expect(faults.map((f) => f.index)).toEqual(faults.map((_, i) => i + 1));
});

test('an exchange and its feed handler share a lane: no fault on one while the other has one', () => {
  expect([laneOf('exchange:coinbase'), laneOf('feed-handler:coinbase'), laneOf('feed-handler:kraken'), laneOf('broker')]).toEqual(['feed:coinbase', 'feed:coinbase', 'feed:kraken', 'broker']);
  const feedRoles = ['exchange:coinbase', 'feed-handler:coinbase', 'exchange:kraken', 'feed-handler:kraken'];
  const { faults } = planCampaign({ ...OPTIONS, kinds: [{ kind: 'kill', roles: feedRoles.filter((r) => r.startsWith('feed')) }, { kind: 'exchange-drop', roles: feedRoles.filter((r) => r.startsWith('exchange')) }] });
  let overlapped = false;
  for (const f of faults) {
    const atStart = faults.filter((g) => g.atMs <= f.atMs && g.atMs + g.holdMs > f.atMs);
    if (atStart.length === 2) overlapped = true;
    expect(new Set(atStart.map((g) => laneOf(g.role))).size).toBe(atStart.length);
  }
  // Two lanes, two at a time: they still overlap, on different exchanges.
  expect(overlapped).toBe(true);
});

test('one at a time means no overlap at all', () => {
  const { faults } = planCampaign({ ...OPTIONS, maxConcurrent: 1, gapMs: { min: 0, max: 1_000 } });
  for (let i = 1; i < faults.length; i++) expect(faults[i]!.atMs).toBeGreaterThanOrEqual(faults[i - 1]!.atMs + faults[i - 1]!.holdMs);
});

test('the printed schedule lists every fault with its window', () => {
  const schedule = planCampaign({ ...OPTIONS, durationMs: 120_000 });
  const lines = describeSchedule(schedule);
  expect(lines[0]).toBe(`campaign seed 42, 120.0s, at most 2 fault(s) at once, ${schedule.faults.length} fault(s):`);
  expect(lines).toHaveLength(schedule.faults.length + 1);
  expect(lines[1]).toMatch(/^ {2}#1 +\d+\.\ds \.\. +\d+\.\ds {2}(kill|partition) \S+$/);
});

test('impossible options are named', () => {
  expect(() => planCampaign({ ...OPTIONS, durationMs: 60_000 })).toThrow('a duration of 60000 ms leaves no room for a fault');
  expect(() => planCampaign({ ...OPTIONS, maxConcurrent: 0 })).toThrow('max concurrent faults must be an integer of at least 1, got 0');
  expect(() => planCampaign({ ...OPTIONS, kinds: [{ kind: 'kill', roles: [] }] })).toThrow('no fault kind applies to any chosen role');
  expect(() => planCampaign({ ...OPTIONS, holdMs: { min: 10_000, max: 5_000 } })).toThrow('the longest hold (5000 ms) is shorter than the shortest (10000 ms)');
  expect(() => planCampaign({ ...OPTIONS, seed: -1 })).toThrow('seed must be an integer from 0 to 4294967295, got -1');
});
