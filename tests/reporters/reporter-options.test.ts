import { expect, test } from '@playwright/test';
import { resolveReporterOptions } from '../../reporters/reporter-options';

test('defaults: reports folder, gate off, 50% margin, median of 10 runs', () => {
  expect(resolveReporterOptions({}, {})).toEqual({ outputDir: 'reports', historyDir: 'reports/history', regressionGate: false, regressionMargin: 0.5, historyWindow: 10 });
});

test('environment overrides the config', () => {
  const env = { K2_REGRESSION_GATE: '1', K2_REGRESSION_MARGIN: '0.25', K2_HISTORY_WINDOW: '3', K2_REPORTS_DIR: 'out' };
  expect(resolveReporterOptions({ regressionGate: false, regressionMargin: 2, historyWindow: 7, outputDir: 'r' }, env))
    .toEqual({ outputDir: 'out', historyDir: 'out/history', regressionGate: true, regressionMargin: 0.25, historyWindow: 3 });
  expect(resolveReporterOptions({}, { K2_HISTORY_DIR: 'shared/history' }).historyDir).toBe('shared/history');
  expect(resolveReporterOptions({ regressionGate: true }, { K2_REGRESSION_GATE: '0' }).regressionGate).toBe(false);
});

test('bad values are errors naming the option or variable', () => {
  expect(() => resolveReporterOptions({}, { K2_REGRESSION_MARGIN: 'half' })).toThrow('K2_REGRESSION_MARGIN must be a non-negative number (0.5 = 50%), got "half"');
  expect(() => resolveReporterOptions({}, { K2_REGRESSION_MARGIN: '-0.1' })).toThrow('K2_REGRESSION_MARGIN');
  expect(() => resolveReporterOptions({}, { K2_REGRESSION_GATE: 'maybe' })).toThrow('K2_REGRESSION_GATE must be 1 or 0');
  expect(() => resolveReporterOptions({}, { K2_HISTORY_WINDOW: '2.5' })).toThrow('K2_HISTORY_WINDOW must be a positive integer');
  expect(() => resolveReporterOptions({ historyWindow: 0 }, {})).toThrow('mttr-reporter option historyWindow must be a positive integer, got 0');
  expect(() => resolveReporterOptions({ regressionGate: 'yes' as unknown as boolean }, {})).toThrow('option regressionGate must be a boolean');
});
