import { expect, test } from '@playwright/test';
import { renderTimelineSvg } from '../../src/render/timeline-svg';
import { chaosRecordSample } from '../reporters/support/chaos-record-sample';
import { elementsWithClass, parseSvg } from './svg-assertions';

const x = (el: Record<string, unknown>) => Number(el['@x']);

test('draws one panel per unit with a line per series, the four marks and the shaded fault window', () => {
  const svg = parseSvg(renderTimelineSvg(chaosRecordSample()));
  const panels = elementsWithClass(svg, 'panel');
  expect(panels.map((p) => p['@data-unit'])).toEqual(['trades/s', 'ms']);
  expect(elementsWithClass(svg, 'series').map((s) => s['@data-series'])).toEqual(['binance', 'kraken', 'end-to-end lag']);
  expect(elementsWithClass(svg, 'mark').map((m) => m['@data-mark'])).toEqual(['inject', 'heal', 'firstProgress', 'steady']);
  const [fault] = elementsWithClass(svg, 'fault-window');
  const [recovery] = elementsWithClass(svg, 'recovery-window');
  expect(fault).toBeTruthy();
  expect(recovery).toBeTruthy();
  // inject (5 s) .. heal (8 s), then heal .. firstProgress (18 s): the recovery band starts where the fault band ends.
  expect(x(recovery!)).toBeCloseTo(x(fault!) + Number(fault!['@width']), 0);
  expect(Number(recovery!['@width'])).toBeGreaterThan(Number(fault!['@width']));
});

test('escapes series names and units, so a name cannot break the XML', () => {
  const record = chaosRecordSample({ timeline: [{ name: 'bin<ance> & "co"', unit: "trades/s'", points: [[0, 1], [1_000, 2]] }] });
  const svg = renderTimelineSvg(record);
  parseSvg(svg);
  expect(svg).toContain('bin&lt;ance&gt; &amp; &quot;co&quot;');
});

test('an unhealed fault shades to the end, and a run without readings says so', () => {
  const record = chaosRecordSample({ outcome: 'NOT_RECOVERED', marks: { injectMs: 2_000 }, timeline: [] });
  const svg = parseSvg(renderTimelineSvg(record));
  const [fault] = elementsWithClass(svg, 'fault-window');
  expect(fault!['title']).toBe('fault window (never healed): restart');
  expect(elementsWithClass(svg, 'recovery-window')).toEqual([]);
  expect(elementsWithClass(svg, 'mark').map((m) => m['@data-mark'])).toEqual(['inject']);
  expect(elementsWithClass(svg, 'no-readings')).toHaveLength(1);
});

test('a record that never injected has no fault window', () => {
  const record = chaosRecordSample({ outcome: 'STEADY_STATE_FAILED', marks: {} });
  const svg = parseSvg(renderTimelineSvg(record));
  expect(elementsWithClass(svg, 'fault-window')).toEqual([]);
  expect(elementsWithClass(svg, 'mark')).toEqual([]);
  expect(elementsWithClass(svg, 'series')).toHaveLength(3);
});

test('names each fault\'s kind and service under the headline, with a degraded link\'s parameters', () => {
  const degraded = { name: 'degrade the link of broker', service: 'broker', action: 'degrade-link' as const, parameters: { lossPercent: 5, rateKbit: 4000 }, injectedAt: '2026-11-28T10:00:05.000Z', confirmed: true };
  const svg = parseSvg(renderTimelineSvg(chaosRecordSample({ faults: [degraded] })));
  const [line] = elementsWithClass(svg, 'faults');
  expect(line!['#text']).toBe('faults: degrade-link broker (lossPercent 5, rateKbit 4000)');
  expect(elementsWithClass(svg, 'fault-window')[0]!['title']).toBe('fault window (inject to heal): degrade-link');
  expect(elementsWithClass(parseSvg(renderTimelineSvg(chaosRecordSample({ faults: [], marks: {} }))), 'faults')[0]!['#text']).toBe('faults: none injected');
});

test('a long fault line is cut, with the whole of it in its tooltip', () => {
  const many = Array.from({ length: 12 }, (_, i) => ({ name: `kill s${i}`, service: `service-${i}`, action: 'kill' as const, injectedAt: '2026-11-28T10:00:05.000Z', confirmed: true }));
  const [line] = elementsWithClass(parseSvg(renderTimelineSvg(chaosRecordSample({ faults: many }))), 'faults');
  expect(String(line!['#text'])).toHaveLength(140);
  expect(String(line!['#text']).endsWith('…')).toBe(true);
  expect(line!['title']).toContain('kill service-11');
});
