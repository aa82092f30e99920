import { expect, test } from '@playwright/test';
import { selectedTestDefects } from '../../services/shared/test-defects';

test('no defect unless K2_TEST_DEFECTS names one; an unknown name is refused with the known ones', () => {
  expect(selectedTestDefects({})).toEqual(new Set());
  expect(selectedTestDefects({ K2_TEST_DEFECTS: ' feed-handler-skips-gap-fill ' })).toEqual(new Set(['feed-handler-skips-gap-fill']));
  expect(() => selectedTestDefects({ K2_TEST_DEFECTS: 'feed-handler-skips-gap-fil' }))
    .toThrow('K2_TEST_DEFECTS names an unknown defect "feed-handler-skips-gap-fil"; known: gold-minutes-by-ingestion-time, feed-handler-skips-gap-fill');
});
