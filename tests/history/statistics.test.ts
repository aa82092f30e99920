import { expect, test } from '@playwright/test';
import { median, percentile } from '../../src/history/statistics';

test('percentiles interpolate between closest ranks', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
  expect(percentile([7], 95)).toBe(7);
  expect(median([])).toBeUndefined();
  expect(() => percentile([1], 101)).toThrow('percentile must be between 0 and 100, got 101');
});
