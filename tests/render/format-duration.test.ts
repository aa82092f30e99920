import { expect, test } from '@playwright/test';
import { formatDeltaMs, formatDurationMs, formatLimitMs } from '../../src/render/format-duration';

test('MTTR reads like the seed: approximate and human', () => {
  expect(formatDurationMs(10_000)).toBe('~10s');
  expect(formatDurationMs(32_400)).toBe('~32s');
  expect(formatDurationMs(2_340)).toBe('~2.3s');
  expect(formatDurationMs(125_000)).toBe('~2m 5s');
  expect(formatDurationMs(180_000)).toBe('~3m');
  expect(formatDurationMs(3_720_000)).toBe('~1h 2m');
  expect(formatDurationMs(undefined)).toBe('—');
  expect(formatDurationMs(Number.NaN)).toBe('—');
});

test('targets are exact, deltas are signed with a percentage', () => {
  expect(formatLimitMs(120_000)).toBe('2m');
  expect(formatDeltaMs(2_100, 10_000)).toBe('+2.1s (+21%)');
  expect(formatDeltaMs(-400, 2_000)).toBe('−400ms (−20%)');
  expect(formatDeltaMs(0)).toBe('±0ms');
  expect(formatDeltaMs(undefined)).toBe('—');
});
