import { expect, test } from '@playwright/test';
import { summarizeMemory } from '../../src/campaign/memory-summary';
import { campaignRecord } from '../../src/campaign/campaign-record';
import { serviceRssTimeline } from '../../src/probes/stack/service-rss-timeline';
import { campaignSection } from '../../src/render/campaign-section';
import type { ServiceState } from '../../src/targets/started-stack';

const series = (name: string, values: number[]) => ({ name, unit: 'MiB', points: values.map((v, i) => [i * 10_000, v] as [number, number]) });

test('memory per service: medians of the first and last tenth, the peak, and the growth between; one spike or restart is no trend', () => {
  const flat = series('rss broker', [100, 101, 99, 100, 180, 100, 101, 100, 99, 100, 100, 101, 100, 100, 99, 100, 101, 100, 100, 101]);
  const leaking = series('rss feed-handler-binance', Array.from({ length: 20 }, (_, i) => 50 + 5 * i));
  const short = series('rss offload', [40, 42]);
  const memory = summarizeMemory([flat, leaking, short, series('silver trades binance', [1, 2, 3, 4, 5, 6])]);
  expect(memory).toEqual([
    { service: 'broker', samples: 20, startMiB: 100.5, endMiB: 100.5, peakMiB: 180, growthPercent: 0 },
    { service: 'feed-handler-binance', samples: 20, startMiB: 52.5, endMiB: 142.5, peakMiB: 145, growthPercent: 171.4 },
    { service: 'offload', samples: 2, startMiB: 40, endMiB: 42, peakMiB: 42 },
  ]);

  const record = campaignRecord({
    choice: { durationMs: 600_000, seed: 1, faults: ['kill'], maxConcurrent: 2 }, target: 'embedded',
    planned: [], runs: [], invariants: [], suspects: [], timeline: [flat, leaking, short],
  });
  const md = campaignSection(record);
  expect(md).toContain('| broker | 20 | 100.5 MiB | 100.5 MiB | 180.0 MiB | +0% |');
  expect(md).toContain('| feed-handler-binance | 20 | 52.5 MiB | 142.5 MiB | 145.0 MiB | +171.4% |');
  expect(md).toContain('| offload | 2 | 40.0 MiB | 42.0 MiB | 42.0 MiB | too few samples |');
});

test('the RSS timeline measures each running service and has no sample for one that is down', async () => {
  const states: Record<string, ServiceState> = {
    runner: { running: true, paused: false, connected: true, pid: process.pid },
    stopped: { running: false, paused: false, connected: true },
  };
  const sources = serviceRssTimeline({ services: () => Object.keys(states), state: async (s) => states[s]! });
  expect(sources.map((s) => [s.name, s.unit])).toEqual([['rss runner', 'MiB'], ['rss stopped', 'MiB']]);
  const own = await sources[0]!.read();
  expect(own).toBeGreaterThan(10);
  expect(own).toBeLessThan(process.memoryUsage().rss / 1_048_576 * 3);
  await expect(sources[1]!.read()).rejects.toThrow('stopped has no process to measure');
});
