import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { RunRecord } from '../../src/report-model/run-record';
import type { MttrHistoryEntry } from '../../src/history/mttr-history-entry';
import { chaosRecordSample } from './support/chaos-record-sample';
import { InlineProject } from './support/inline-project';
import { configSource, specSource } from './support/spec-source';

const REDPANDA = { number: 1, name: 'Redpanda restart' };

async function readHistory(project: InlineProject): Promise<MttrHistoryEntry[]> {
  const text = await readFile(join(project.reportsDir, 'history/mttr-history.jsonl'), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

async function seedHistory(project: InlineProject, mttrsMs: number[]): Promise<void> {
  await mkdir(join(project.reportsDir, 'history'), { recursive: true });
  const lines = mttrsMs.map((mttrMs, i) => JSON.stringify({
    schemaVersion: 1, runId: `2026-11-0${i + 1}T10:00:00.000Z`, date: `2026-11-0${i + 1}T10:00:00.000Z`,
    target: 'embedded', failureMode: REDPANDA, outcome: 'PASS', mttrMs, mttrTargetMs: 120_000, repeats: 1,
  }));
  await writeFile(join(project.reportsDir, 'history/mttr-history.jsonl'), `${lines.join('\n')}\n`);
}

const oneTest = (mttrMs: number, extra: Partial<Parameters<typeof chaosRecordSample>[0]> = {}) =>
  specSource([{ title: 'resumes after a broker restart', tags: ['@redpanda'], record: chaosRecordSample({ mttrMs, ...extra }), fail: extra.outcome && extra.outcome !== 'PASS' ? `outcome ${extra.outcome}` : undefined }]);

test('every run appends to the MTTR history, and results.md compares with the previous run and the median', async () => {
  await using project = await InlineProject.create();
  await project.write({ 'playwright.config.ts': configSource(), 'specs/one.spec.ts': oneTest(10_000) });
  expect((await project.run()).exitCode).toBe(0);
  const [first] = await readHistory(project);
  expect(first).toMatchObject({ target: 'embedded', manifest: 'reference', failureMode: REDPANDA, outcome: 'PASS', mttrMs: 10_000, outageMs: 13_000, timeToSteadyMs: 12_000, mttrTargetMs: 120_000, repeats: 1 });
  expect(Date.parse(first!.date)).not.toBeNaN();
  let md = await readFile(join(project.reportsDir, 'results.md'), 'utf8');
  expect(md).toMatch(/\| 1\. Redpanda restart \| ~10s \| no earlier run \| — \| — \| — \| \[trend\]\(trends\/01-redpanda-restart\.svg\) \|/);
  expect(md).toContain('[timeline](timelines/01-redpanda-restart.svg)');
  expect(await readFile(join(project.reportsDir, 'timelines/01-redpanda-restart.svg'), 'utf8')).toContain('data-mark="firstProgress"');

  await project.write({ 'specs/one.spec.ts': oneTest(14_000) });
  // Gate off by default: a slower run is reported, not failed.
  expect((await project.run()).exitCode).toBe(0);
  expect((await readHistory(project)).map((e) => e.mttrMs)).toEqual([10_000, 14_000]);
  md = await readFile(join(project.reportsDir, 'results.md'), 'utf8');
  expect(md).toMatch(/\| 1\. Redpanda restart \| ~14s \| ~10s \(PASS, [\d-]+\) \| \+4\.0s \(\+40%\) \| ~10s \(1 runs\) \| \+4\.0s \(\+40%\) \|/);
  expect(md).toContain('**Regression gate**: off');
  const trend = await readFile(join(project.reportsDir, 'trends/01-redpanda-restart.svg'), 'utf8');
  expect(trend.match(/<circle class="run"/g)).toHaveLength(2);
});

test('the regression gate fails the run on an MTTR over the history median by more than the margin, and says so', async () => {
  await using project = await InlineProject.create();
  await seedHistory(project, [10_000, 9_000, 11_000]);
  await project.write({ 'playwright.config.ts': configSource(), 'specs/one.spec.ts': oneTest(20_000) });
  const failed = await project.run([], { K2_REGRESSION_GATE: '1', K2_REGRESSION_MARGIN: '0.5' });
  expect(failed.exitCode).toBe(1);
  const message = '1. Redpanda restart: MTTR ~20s is 100% over the median ~10s of the last 3 run(s) (margin 50%)';
  expect(failed.stderr + failed.stdout).toContain(message);
  expect(await readFile(join(project.reportsDir, 'results.md'), 'utf8')).toContain(`**Regression gate**: FAILED (margin 50% over the median of the last 10 runs, or a worse outcome):\n\n- ${message}`);
  const run = JSON.parse(await readFile(join(project.reportsDir, 'run.json'), 'utf8')) as RunRecord;
  expect(run.status).toBe('failed');
  expect(run.gate).toMatchObject({ enabled: true, passed: false, marginRatio: 0.5, regressions: [{ kind: 'mttr', message }] });
});

test('the regression gate passes a run within the margin, and takes its settings from the reporter options', async () => {
  await using project = await InlineProject.create();
  await seedHistory(project, [10_000, 9_000, 11_000]);
  await project.write({ 'playwright.config.ts': configSource({ regressionGate: true, regressionMargin: 1.5 }), 'specs/one.spec.ts': oneTest(20_000) });
  const result = await project.run();
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  expect(await readFile(join(project.reportsDir, 'results.md'), 'utf8')).toContain('**Regression gate**: passed (margin 150%');
});

test('the regression gate names an outcome that got worse', async () => {
  await using project = await InlineProject.create();
  await seedHistory(project, [10_000]);
  await project.write({ 'playwright.config.ts': configSource(), 'specs/one.spec.ts': oneTest(10_000, { outcome: 'DATA_VIOLATION', reason: '3 trades lost' }) });
  const result = await project.run([], { K2_REGRESSION_GATE: '1' });
  expect(result.exitCode).toBe(1);
  expect(result.stderr + result.stdout).toContain('1. Redpanda restart: outcome worsened from PASS (run 2026-11-01T10:00:00.000Z) to DATA_VIOLATION');
});

test('with --repeat-each, results.md gives p50 and p95 MTTR per failure mode and the history one line per run', async () => {
  await using project = await InlineProject.create();
  const record = chaosRecordSample();
  await project.write({
    'playwright.config.ts': configSource(),
    'specs/repeat.spec.ts': [
      `import { test } from '@playwright/test';`,
      `test('resumes after a broker restart', async ({}, testInfo) => {`,
      `  const record = JSON.parse(${JSON.stringify(JSON.stringify(record))});`,
      `  record.durations.mttrMs = [10_000, 20_000, 30_000, 40_000][testInfo.repeatEachIndex];`,
      `  await testInfo.attach('k2-chaos-record', { body: JSON.stringify(record), contentType: 'application/json' });`,
      `});`,
    ].join('\n'),
  });
  expect((await project.run(['--repeat-each', '4'])).exitCode).toBe(0);
  const md = await readFile(join(project.reportsDir, 'results.md'), 'utf8');
  expect(md).toMatch(/\| 1\. Redpanda restart \| [\d-]+ \| ✅ PASS \(4\/4 passed\) \| ~25s \(p50\) \|/);
  expect(md).toContain('| Test | Runs | Passed | MTTR measured | MTTR p50 | MTTR p95 | Min | Max |');
  expect(md).toContain('| 1. Redpanda restart | 4 | 4 | 4 | ~25s | ~39s | ~10s | ~40s |');
  expect(md).toContain('| 1. Redpanda restart #3 | ✅ PASS | ~30s |');
  expect((await readHistory(project)).map((e) => [e.mttrMs, e.repeats])).toEqual([[25_000, 4]]);
  for (const file of ['01-redpanda-restart', '01-redpanda-restart-r2', '01-redpanda-restart-r3', '01-redpanda-restart-r4']) {
    expect(existsSync(join(project.reportsDir, `timelines/${file}.svg`))).toBe(true);
  }
});
