import { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CliCommand } from '../command';
import { runHealingChild } from '../run-healing-child';
import { generateAllureReport, PACKAGE_DIR } from '../../../scripts/generate-reports';

const USAGE = `Usage: k2-chaos chaos [playwright test options]

Runs the chaos suite (playwright.config.ts, target embedded unless configured otherwise), then
generates the Allure report. Options pass through to \`playwright test\`, e.g.
  k2-chaos chaos --grep partition
  k2-chaos chaos --repeat-each 5

Reports (under K2_REPORTS_DIR, default reports/):
  results.md              the seed's results table, details, trend and p50/p95 with --repeat-each
  run.json                the run record (versions, faults, readings, invariants, outcomes)
  timelines/ trends/      evidence timeline per test, MTTR trend per failure mode (SVG)
  history/                mttr-history.jsonl and allure-history[-TARGET].jsonl, kept between
                          runs (K2_HISTORY_DIR moves them)
  html/                   Playwright's HTML report
  allure-report/          the Allure 3 report

Environment:
  K2_REGRESSION_GATE=1      fail the run when a failure mode's MTTR or outcome regresses
  K2_REGRESSION_MARGIN=0.5  allowed MTTR excess over the history median (0.5 = 50%)
  K2_HISTORY_WINDOW=10      earlier runs the median is taken over

Exits with Playwright's exit status.`;

/** `playwright test ARGV` in the package folder; resolves to its exit status once it has healed and gone. */
export async function runPlaywright(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  return (await runHealingChild(process.execPath, [cli, 'test', ...argv], { cwd: PACKAGE_DIR, env })).status;
}

export const command: CliCommand = {
  summary: 'run the chaos suite (playwright test ...) and generate every report',
  usage: USAGE,
  async run(argv) {
    const reportsDir = resolve(PACKAGE_DIR, process.env.K2_REPORTS_DIR || 'reports');
    // Results of an earlier run would show up in this run's Allure report; its history file stays.
    await rm(join(reportsDir, 'allure-results'), { recursive: true, force: true });
    const status = await runPlaywright(argv);
    const allureStatus = await generateAllureReport({ reportsDir });
    if (allureStatus === 0) console.log(`k2-chaos: Allure report in ${join(reportsDir, 'allure-report')}`);
    else console.error(`k2-chaos: generating the Allure report failed (exit ${allureStatus}); the other reports are in ${reportsDir}`);
    return status;
  },
};
