// Allure 3 report settings for `k2-chaos chaos` (and `npx allure generate` run from this folder).
// Paths follow K2_REPORTS_DIR like playwright.config.ts, relative to this file's folder.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'allure';

const ROOT_DIR = dirname(fileURLToPath(import.meta.url));
const REPORTS_DIR = resolve(ROOT_DIR, process.env.K2_REPORTS_DIR || 'reports');
const HISTORY_DIR = resolve(ROOT_DIR, process.env.K2_HISTORY_DIR || resolve(REPORTS_DIR, 'history'));
// Targets never share a history: a compose restart and an embedded one are different measurements.
const TARGET = process.env.K2_TARGET || 'embedded';

export default defineConfig({
  name: 'k2-chaos',
  output: resolve(REPORTS_DIR, 'allure-report'),
  // One JSON line per generated report; kept between runs so Allure shows each test's history.
  historyPath: resolve(HISTORY_DIR, TARGET === 'embedded' ? 'allure-history.jsonl' : `allure-history-${TARGET}.jsonl`),
  // The run record and the results table travel with the report, next to the per-test data.
  globalAttachments: [resolve(REPORTS_DIR, 'run.json'), resolve(REPORTS_DIR, 'results.md')],
  plugins: {
    awesome: { options: { reportName: 'k2-chaos', singleFile: false } },
  },
});
