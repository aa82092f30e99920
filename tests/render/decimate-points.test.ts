import { expect, test } from '@playwright/test';
import { decimatePoints } from '../../src/render/decimate-points';

test('keeps a spike that falls between pixel columns, and each column\'s first and last point', () => {
  const points: Array<[number, number]> = Array.from({ length: 10_000 }, (_, i) => [i, i === 5_123 ? 999 : 1]);
  const thinned = decimatePoints(points, (t) => t / 100);
  expect(thinned.length).toBeLessThanOrEqual(101 * 4);
  expect(thinned).toContainEqual([5_123, 999]);
  expect(thinned[0]).toEqual([0, 1]);
  expect(thinned.at(-1)).toEqual([9_999, 1]);
  expect(thinned.map(([t]) => t)).toEqual([...thinned.map(([t]) => t)].sort((a, b) => a - b));
});

test('leaves a sparse series as it is', () => {
  const points: Array<[number, number]> = [[0, 1], [1_000, 2], [2_000, 3]];
  expect(decimatePoints(points, (t) => t / 10)).toEqual(points);
});
