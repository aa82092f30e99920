import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package folder: where playwright.config.ts and allurerc.mjs live. */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface GenerateAllureOptions {
  /** Reports folder (absolute, or relative to the package folder); holds allure-results. */
  reportsDir: string;
  /** Where `npx` runs; defaults to the package folder. */
  cwd?: string;
  /** The environment allurerc.mjs reads (K2_HISTORY_DIR, K2_TARGET); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Generates the Allure 3 report from `<reportsDir>/allure-results` into
 * `<reportsDir>/allure-report`, with history in `<reportsDir>/history/allure-history.jsonl`
 * (allurerc.mjs). The output folder is removed first: Allure would otherwise write the new
 * report into a subfolder and leave the stale top-level index in place. Resolves to the exit code.
 */
export async function generateAllureReport(options: GenerateAllureOptions): Promise<number> {
  const reportsDir = resolve(PACKAGE_DIR, options.reportsDir);
  const resultsDir = join(reportsDir, 'allure-results');
  const outputDir = join(reportsDir, 'allure-report');
  if (!existsSync(resultsDir)) {
    console.error(`k2-chaos: no Allure results in ${resultsDir}; run the suite first`);
    return 1;
  }
  await rm(outputDir, { recursive: true, force: true });
  const args = ['--no', 'allure', 'generate', resultsDir, '-o', outputDir, '-c', join(PACKAGE_DIR, 'allurerc.mjs')];
  const child = spawn('npx', args, {
    cwd: options.cwd ?? PACKAGE_DIR,
    env: { ...(options.env ?? process.env), K2_REPORTS_DIR: reportsDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done(code ?? 1));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reportsDir = process.env.K2_REPORTS_DIR || 'reports';
  process.exitCode = await generateAllureReport({ reportsDir });
}
