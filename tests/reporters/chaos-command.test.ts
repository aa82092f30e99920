import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chaosRecordSample } from './support/chaos-record-sample';
import { InlineProject, REPO_DIR } from './support/inline-project';
import { configSource, specSource } from './support/spec-source';

/** allure-playwright resolves its folder against the working directory, not the config's. */
const allureAndHtml = (project: InlineProject) => [
  ['allure-playwright', { resultsDir: join(project.reportsDir, 'allure-results'), detail: true }],
  ['html', { outputFolder: 'reports/html', open: 'never' }],
];

function chaosCommand(project: InlineProject): Promise<{ exitCode: number; output: string }> {
  const child = spawn(process.execPath, [join(REPO_DIR, 'bin/k2-chaos.mjs'), 'chaos', '-c', join(project.dir, 'playwright.config.ts')], {
    cwd: REPO_DIR,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, FORCE_COLOR: '0', K2_REPORTS_DIR: project.reportsDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((done) => child.on('close', (code) => done({ exitCode: code ?? 1, output })));
}

test('runs playwright with the passed options, generates the Allure report with history, and exits with Playwright\'s status', async () => {
  test.setTimeout(300_000);
  await using project = await InlineProject.create();
  const failing = chaosRecordSample({ failureMode: { number: 2, name: 'ClickHouse restart' }, outcome: 'RECOVERED_LATE', mttrMs: 200_000, mttrTargetMs: 180_000 });
  await project.write({
    'playwright.config.ts': configSource({}, allureAndHtml(project)),
    'specs/modes.spec.ts': specSource([
      { title: 'resumes after a broker restart', tags: ['@redpanda'], record: chaosRecordSample() },
      { title: 'resumes after a ClickHouse restart', tags: ['@clickhouse'], record: failing, fail: 'outcome RECOVERED_LATE' },
    ]),
  });
  await mkdir(join(project.reportsDir, 'allure-results'), { recursive: true });
  await writeFile(join(project.reportsDir, 'allure-results/stale-result.json'), '{}');

  const first = await chaosCommand(project);
  expect(first.exitCode, first.output).toBe(1);
  expect(existsSync(join(project.reportsDir, 'allure-results/stale-result.json'))).toBe(false);
  expect(existsSync(join(project.reportsDir, 'allure-report/index.html'))).toBe(true);
  expect(existsSync(join(project.reportsDir, 'html/index.html'))).toBe(true);
  expect(await readFile(join(project.reportsDir, 'results.md'), 'utf8')).toContain('❌ RECOVERED_LATE');

  const second = await chaosCommand(project);
  expect(second.exitCode).toBe(1);
  const history = (await readFile(join(project.reportsDir, 'history/allure-history.jsonl'), 'utf8')).trim().split('\n');
  expect(history).toHaveLength(2);

  // Options reach playwright: with --grep only the passing test runs, and the command exits 0.
  const child = spawn(process.execPath, [join(REPO_DIR, 'bin/k2-chaos.mjs'), 'chaos', '-c', join(project.dir, 'playwright.config.ts'), '--grep', 'broker'], {
    cwd: REPO_DIR, env: { PATH: process.env.PATH, HOME: process.env.HOME, K2_REPORTS_DIR: project.reportsDir }, stdio: 'ignore',
  });
  expect(await new Promise((done) => child.on('close', done))).toBe(0);
  const run = JSON.parse(await readFile(join(project.reportsDir, 'run.json'), 'utf8'));
  expect(run.tests.map((t: { title: string }) => t.title)).toEqual(['resumes after a broker restart']);
});
