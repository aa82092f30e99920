import { expect, test } from '@playwright/test';
import { campaignRecord } from '../../src/campaign/campaign-record';
import type { CampaignFaultRun } from '../../src/campaign/run-campaign';
import { renderCampaignTimelineSvg } from '../../src/render/campaign-timeline-svg';
import { elementsWithClass, parseSvg } from './svg-assertions';

const run = (index: number, kind: string, role: string, injectedAtMs: number, healedAtMs?: number): CampaignFaultRun => ({
  index, kind, role, atMs: injectedAtMs, holdMs: 10_000, service: role, name: `${kind} ${role}`, injectedAtMs, healedAtMs, mttrMs: healedAtMs === undefined ? undefined : 1_500, confirmed: true, detail: '',
});

/** Ten minutes of readings ten times a second, for two exchanges. */
const tenMinutes = ['binance', 'kraken'].flatMap((e) => [
  { name: `silver trades ${e}`, unit: 'rows', points: Array.from({ length: 6_000 }, (_, i) => [i * 100, i * 5] as [number, number]) },
  { name: `ingest lag ${e}`, unit: 'ms', points: Array.from({ length: 6_000 }, (_, i) => [i * 100, 500 + (i % 300) * 10] as [number, number]) },
]);

test('one row per role with each fault as a band, a legend per kind, and the panels thinned to the width', () => {
  const runs = [run(1, 'kill', 'broker', 20_000, 35_000), run(2, 'pause', 'olap', 30_000, 50_000), run(3, 'kill', 'broker', 90_000), { ...run(4, 'kill', 'offload', 0), injectedAtMs: undefined, detail: 'not injected' }];
  const record = campaignRecord({ choice: { durationMs: 600_000, seed: 9, faults: ['kill', 'pause'], maxConcurrent: 2 }, target: 'embedded', planned: runs, runs, invariants: [], suspects: [], timeline: tenMinutes });
  const text = renderCampaignTimelineSvg(record);
  const svg = parseSvg(text);
  const bands = elementsWithClass(svg, 'fault-band');
  expect(bands.map((b) => `${b['@data-role']} ${b['@data-kind']}`)).toEqual(['broker kill', 'olap pause', 'broker kill']);
  expect(bands[2]!['title']).toBe('#3 kill broker: 90.0s to never healed');
  expect(bands[0]!['title']).toBe('#1 kill broker: 20.0s to 35.0s, MTTR 1.5s');
  expect(elementsWithClass(svg, 'panel').map((p) => p['@data-unit'])).toEqual(['rows', 'ms']);
  // 6,000 points a series, drawn in about 660 px: thinned to a few per pixel column.
  const lag = elementsWithClass(svg, 'series').find((s) => s['@data-series'] === 'ingest lag binance')!;
  expect(String(lag['@points']).split(' ').length).toBeLessThan(3_000);
  // Fault #3 was never healed.
  expect(text).toContain('Campaign seed 9 · NOT_RECOVERED · 3 faults on 2 roles');
});
