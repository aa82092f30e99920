import { expect, test } from '@playwright/test';
import { campaignFigures } from '../../bench/campaign/campaign-figures';
import { campaignRecord } from '../../src/campaign/campaign-record';
import type { CampaignFaultRun } from '../../src/campaign/run-campaign';

const START = 1_800_000_000_000;
const points = (values: Array<[number, number]>) => values;
const run = (index: number, confirmed: boolean, mttrMs?: number): CampaignFaultRun => ({
  index, kind: 'kill', role: 'broker', atMs: index * 10_000, holdMs: 5_000, service: 'broker', name: 'kill broker', confirmed, detail: '', ...(mttrMs === undefined ? {} : { mttrMs, healedAtMs: 1 }),
});

function record(invariantStatus: 'valid' | 'invalid' = 'valid') {
  return campaignRecord({
    choice: { durationMs: 100_000, seed: 1, faults: ['kill'], maxConcurrent: 2 }, target: 'embedded', startedAtEpochMs: START,
    planned: [run(1, true), run(2, true), run(3, true)], runs: [run(1, true, 900), run(2, true), run(3, false)],
    invariants: [{ name: 'trade ledger (silver)', status: invariantStatus, summary: invariantStatus === 'valid' ? '0 lost' : '12 lost' }],
    suspects: [],
    timeline: [
      // Only what silver took in within the campaign's 100 s counts: the catch-up after it does not.
      { name: 'silver trades binance', unit: 'trades', points: points([[0, 1_000], [50_000, 251_000], [100_000, 501_000], [130_000, 900_000]]) },
      { name: 'silver trades kraken', unit: 'trades', points: points([[0, 0], [100_000, 100_000]]) },
      { name: 'ingest lag binance', unit: 'ms', points: points(Array.from({ length: 100 }, (_, i) => [i * 1_000, i === 50 ? 9_000 : 400] as [number, number])) },
      { name: 'rss broker', unit: 'MiB', points: points([[0, 100], [10_000, 150]]) },
      { name: 'rss olap', unit: 'MiB', points: points([[0, 300], [10_000, 250]]) },
    ],
  });
}

test('figures come from the campaign\'s duration only: trades, rate, lag, CPU per 1,000 trades, faults, peak memory', () => {
  // CPU sampled from before the start to after the end; the campaign's 100 s spent 150 core-seconds.
  const cpu = [{ atEpochMs: START - 20_000, busySeconds: 0 }, { atEpochMs: START, busySeconds: 40 }, { atEpochMs: START + 100_000, busySeconds: 190 }, { atEpochMs: START + 200_000, busySeconds: 300 }];
  const f = campaignFigures(record(), cpu);
  expect(f).toMatchObject({ faultsPlanned: 3, faultsApplied: 2, faultsRecovered: 1, violations: [], silverTrades: 600_000, silverTradesPerS: 6_000, cpuSeconds: 150, peakRssMiB: 450 });
  expect(f.cpuSecondsPer1000Trades).toBeCloseTo(0.25, 6);
  expect(f.lagP99Ms).toBe(400);
  // Between two samples the busy seconds are interpolated.
  expect(campaignFigures(record(), [{ atEpochMs: START - 50_000, busySeconds: 0 }, { atEpochMs: START + 150_000, busySeconds: 200 }]).cpuSeconds).toBeCloseTo(100, 6);
});

test('an invalid invariant is counted and named; CPU samples that miss the campaign or a record without its start are errors', () => {
  expect(campaignFigures(record('invalid'), [{ atEpochMs: START, busySeconds: 0 }, { atEpochMs: START + 100_000, busySeconds: 1 }]).violations).toEqual(['trade ledger (silver): invalid (12 lost)']);
  expect(() => campaignFigures(record(), [{ atEpochMs: START + 1, busySeconds: 0 }, { atEpochMs: START + 100_000, busySeconds: 1 }])).toThrow('do not cover the campaign');
  const { startedAtEpochMs: _dropped, ...older } = record();
  expect(() => campaignFigures(older, [])).toThrow('no start instant');
});
