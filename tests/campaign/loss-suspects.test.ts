import { expect, test } from '@playwright/test';
import { campaignRecord } from '../../src/campaign/campaign-record';
import { lossSuspects } from '../../src/campaign/loss-suspects';
import type { CampaignFaultRun } from '../../src/campaign/run-campaign';
import { campaignSection } from '../../src/render/campaign-section';

const run = (index: number, injectedAtMs: number, healedAtMs: number): CampaignFaultRun => ({
  index, kind: 'kill', role: 'feed-handler:binance', atMs: injectedAtMs, holdMs: healedAtMs - injectedAtMs, service: 'feed-handler-binance',
  name: `kill feed-handler-binance`, injectedAtMs, healedAtMs, mttrMs: 2_000, confirmed: true, detail: 'gone',
});

test('a loss points at the faults in place, or healed within 30 s, when its first trade was emitted', () => {
  const runs = [run(1, 10_000, 20_000), run(2, 60_000, 70_000), run(3, 100_000, 110_000), run(4, 30_000, 40_000)];
  const start = 1_800_000_000_000;
  const suspects = lossSuspects({ 'binance/BTCUSDT': [[500, 540]], 'kraken/BTC/USD': [[7, 7]], 'coinbase/BTC-USD': [[9, 9]] },
    { 'binance/BTCUSDT': start + 45_000, 'kraken/BTC/USD': start + 65_000 }, runs, start);
  expect(suspects).toEqual([
    { key: 'binance/BTCUSDT', firstLostId: 500, emittedAtMs: 45_000, faults: ['#4 kill feed-handler-binance (healed 5.0s before)', '#1 kill feed-handler-binance (healed 25.0s before)'] },
    { key: 'kraken/BTC/USD', firstLostId: 7, emittedAtMs: 65_000, faults: ['#2 kill feed-handler-binance (in place)', '#4 kill feed-handler-binance (healed 25.0s before)'] },
    { key: 'coinbase/BTC-USD', firstLostId: 9, faults: [] },
  ]);
});

test('a fault injected within 10 s after the first lost trade was emitted is a suspect: the trade was still on its way', () => {
  // A ClickHouse disk filled 0.6 s after the trade was emitted; a kill 12 s after is too late.
  const runs = [run(1, 23_100, 39_400), run(2, 34_000, 40_000)];
  const start = 1_800_000_000_000;
  expect(lossSuspects({ 'binance/BTCUSDT': [[1353, 1400]] }, { 'binance/BTCUSDT': start + 22_500 }, runs, start)[0]!.faults)
    .toEqual(['#1 kill feed-handler-binance (injected 0.6s after, the trade still on its way)']);
  // In place comes first, then injected after, then healed before.
  const mixed = [run(1, 1_000, 5_000), run(2, 9_000, 30_000), run(3, 12_000, 20_000)];
  expect(lossSuspects({ 'binance/BTCUSDT': [[1, 1]] }, { 'binance/BTCUSDT': start + 10_000 }, mixed, start)[0]!.faults)
    .toEqual(['#2 kill feed-handler-binance (in place)', '#3 kill feed-handler-binance (injected 2.0s after, the trade still on its way)', '#1 kill feed-handler-binance (healed 5.0s before)']);
});

test('the campaign section shows the verdict, replay, MTTR per kind, every fault, invariants and suspects', () => {
  const record = campaignRecord({
    choice: { durationMs: 150_000, seed: 3, faults: ['kill'], maxConcurrent: 2 }, target: 'embedded',
    planned: [run(1, 10_000, 20_000)], runs: [run(1, 10_000, 20_000)],
    invariants: [{ name: 'trade ledger (bronze)', status: 'invalid', summary: 'bronze: 40 lost' }],
    suspects: [{ key: 'binance/BTCUSDT', firstLostId: 500, emittedAtMs: 12_000, faults: ['#1 kill feed-handler-binance'] }],
    timeline: [],
  });
  const md = campaignSection(record, 'timelines/campaign-seed-3.svg');
  expect(md).toContain('![campaign timeline](timelines/campaign-seed-3.svg)');
  expect(md).toContain('**DATA_VIOLATION**: trade ledger (bronze): invalid (bronze: 40 lost)');
  expect(md).toContain('Replay: `npx k2-chaos campaign --duration 150s --seed 3 --faults kill --max-concurrent 2`');
  expect(md).toContain('| kill | 1 | 0 | ~2.0s | ~2.0s | ~2.0s |');
  expect(md).toContain('| 1 | kill feed-handler-binance | feed-handler:binance | 10.0s .. 20.0s | yes | ~2.0s |');
  expect(md).toContain('| binance/BTCUSDT | 500 | 12.0s | #1 kill feed-handler-binance |');
});
