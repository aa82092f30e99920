import { defineConfig } from '@playwright/test';

/** The framework's own tests (`npm test`); the chaos specs live in the root config. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.test.ts',
  outputDir: '../test-results/framework',
  timeout: 120_000,
  workers: process.env.CI ? 2 : undefined,
  fullyParallel: true,
  reporter: [['list']],
});
