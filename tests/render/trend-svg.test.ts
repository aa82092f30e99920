import { expect, test } from '@playwright/test';
import type { MttrHistoryEntry } from '../../src/history/mttr-history-entry';
import { renderTrendSvg } from '../../src/render/trend-svg';
import { elementsWithClass, parseSvg } from './svg-assertions';

const entry = (date: string, outcome: MttrHistoryEntry['outcome'], mttrMs?: number): MttrHistoryEntry => ({
  schemaVersion: 1, runId: date, date, target: 'embedded', failureMode: { number: 2, name: 'ClickHouse restart' },
  outcome, mttrMs, mttrTargetMs: 180_000, repeats: 1,
});

test('one point per measured run, a cross per unmeasured run, the target line, oldest left', () => {
  const svg = parseSvg(renderTrendSvg({ number: 2, name: 'ClickHouse restart' }, [
    entry('2026-11-01T10:00:00Z', 'PASS', 30_000),
    entry('2026-11-02T10:00:00Z', 'NOT_RECOVERED'),
    entry('2026-11-03T10:00:00Z', 'RECOVERED_LATE', 200_000),
  ]));
  const points = elementsWithClass(svg, 'run').filter((p) => p['@cx'] !== undefined);
  expect(points.map((p) => p['@fill'])).toEqual(['#009e73', '#d55e00']);
  expect(Number(points[0]!['@cx'])).toBeLessThan(Number(points[1]!['@cx']));
  // SVG y grows downwards: the slower run sits higher.
  expect(Number(points[1]!['@cy'])).toBeLessThan(Number(points[0]!['@cy']));
  expect(elementsWithClass(svg, 'unmeasured')).toHaveLength(1);
  expect(elementsWithClass(svg, 'target')).toHaveLength(1);
});

test('an empty history still renders a valid chart', () => {
  parseSvg(renderTrendSvg({ number: 1, name: 'Redpanda restart' }, []));
});
