import { defineConfig } from '@playwright/test';

const REPORTS_DIR = process.env.K2_REPORTS_DIR ?? 'reports';

/**
 * The chaos suite. Specs share one stack and mutate it, so they run serially in one worker:
 * a restart in one test must never land in another test's measurement window.
 */
export default defineConfig({
  testDir: 'specs',
  outputDir: `${REPORTS_DIR}/test-output`,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 10 * 60_000,
  globalTeardown: './fixtures/global-teardown.ts',
  reporter: [
    ['list'],
    ['./reporters/mttr-reporter.ts', { outputDir: REPORTS_DIR }],
    ['allure-playwright', { resultsDir: `${REPORTS_DIR}/allure-results`, detail: true }],
    ['html', { outputFolder: `${REPORTS_DIR}/html`, open: 'never' }],
  ],
});
