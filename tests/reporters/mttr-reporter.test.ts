import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { RunRecord } from '../../src/report-model/run-record';
import { chaosRecordSample } from './support/chaos-record-sample';
import { InlineProject } from './support/inline-project';
import { configSource, specSource } from './support/spec-source';

const STACK = { target: 'embedded' as const, manifest: 'reference', versions: { broker: 'k2-broker 0.1.0', clickhouse: '18.16.1' } };

const readRun = async (project: InlineProject) => JSON.parse(await readFile(join(project.reportsDir, 'run.json'), 'utf8')) as RunRecord;
const readResults = (project: InlineProject) => readFile(join(project.reportsDir, 'results.md'), 'utf8');

test('writes one numbered seed row per failure mode, including tests that never produced a record', async () => {
  await using project = await InlineProject.create();
  const late = chaosRecordSample({
    failureMode: { number: 2, name: 'ClickHouse restart' }, outcome: 'NOT_RECOVERED', mttrTargetMs: 180_000,
    reason: 'bronze row count did not grow within 3m after heal',
    marks: { injectMs: 1_000, healMs: 4_000 },
    invariants: [{ name: 'trade-ledger', status: 'invalid', summary: '3 lost of 41 230 trades', counts: { lost: 3 } }],
  });
  await project.write({
    'playwright.config.ts': configSource(),
    'specs/modes.spec.ts': specSource([
      { title: 'resumes after a broker restart', tags: ['@redpanda'], record: chaosRecordSample(), stack: STACK },
      { title: 'resumes after a ClickHouse restart', tags: ['@clickhouse'], record: late, stack: STACK, fail: 'outcome NOT_RECOVERED' },
      { title: 'isolates a feed handler crash', tags: ['@feed-handler'], fail: 'steady state probe threw: connect ECONNREFUSED' },
      { title: 'survives a partition', tags: ['@partition'], skip: 'network faults need root' },
    ]),
  });
  const result = await project.run();
  expect(result.exitCode, result.stdout + result.stderr).toBe(1);

  const md = await readResults(project);
  expect(md).toContain('| Test | Run Date | Result | MTTR | Notes |');
  expect(md).toContain('Services: broker k2-broker 0.1.0 · clickhouse 18.16.1');
  expect(md).toMatch(/\| 1\. Redpanda restart \| \d{4}-\d{2}-\d{2} \| ✅ PASS \| ~10s \| 12 new rows ingested post-restart \|/);
  expect(md).toMatch(/\| 2\. ClickHouse restart \| [\d-]+ \| ❌ NOT_RECOVERED \| — \| bronze row count did not grow within 3m after heal;/);
  expect(md).toMatch(/\| 3\. Feed handler crash \| [\d-]+ \| ❌ ERROR \| — \| Playwright failed: Error: steady state probe threw: connect ECONNREFUSED \|/);
  expect(md).toMatch(/\| 6\. Network partition \| [\d-]+ \| ⏭️ SKIPPED \| — \| network faults need root \|/);
  expect(md).toContain('**Overall**: 1 of 4 failure modes pass. Not passing: 2. ClickHouse restart (NOT_RECOVERED), 3. Feed handler crash (ERROR), 6. Network partition (SKIPPED).');
  expect(md).toContain('| Test | Outcome | MTTR | MTTR target | Outage | Time to steady | Invariants | Timeline |');
  expect(md).toMatch(/\| 1\. Redpanda restart \| ✅ PASS \| ~10s \| 2m \| ~13s \| ~12s \| 2\/2 valid \|/);
  expect(md).toContain('0/1 valid; ❌ trade-ledger: 3 lost of 41 230 trades (lost 3)');

  const run = await readRun(project);
  expect(run.status).toBe('failed');
  expect(run.finishedAt).toBeTruthy();
  expect(run.target).toBe('embedded');
  expect(run.manifest).toBe('reference');
  expect(run.versions).toEqual(STACK.versions);
  expect(run.tests.map((t) => [t.failureMode?.number, t.outcome, t.status])).toEqual([
    [1, 'PASS', 'passed'], [2, 'NOT_RECOVERED', 'failed'], [3, 'ERROR', 'failed'], [6, 'SKIPPED', 'skipped'],
  ]);
  expect(run.tests[0]!.record!.faults[0]).toMatchObject({ service: 'broker', injectedAt: '2026-11-28T10:00:05.000Z', healedAt: '2026-11-28T10:00:08.000Z' });
  expect(run.tests[0]!.record!.timeline.length).toBeGreaterThan(0);
  expect(run.tests[1]!.record!.invariants[0]!.status).toBe('invalid');
  expect(run.tests[2]!.record).toBeUndefined();
  expect(run.tests[2]!.errors[0]).toContain('steady state probe threw');
});

test('reads only its own attachments, ignoring allure-js messages under the same name', async () => {
  await using project = await InlineProject.create();
  await project.write({
    'playwright.config.ts': configSource(),
    'specs/one.spec.ts': specSource([{ title: 'resumes after a broker restart', record: chaosRecordSample(), allureMessage: true }]),
  });
  const result = await project.run();
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  const run = await readRun(project);
  expect(run.tests[0]!.errors).toEqual([]);
  expect(run.tests[0]!.outcome).toBe('PASS');
  expect(await readResults(project)).toContain('**Overall**: The 1 failure mode run passes. All MTTR values within target.');
});

test('says a PASS record on a failed test is an ERROR, not a pass', async () => {
  await using project = await InlineProject.create();
  await project.write({
    'playwright.config.ts': configSource(),
    'specs/one.spec.ts': specSource([{ title: 'resumes after a broker restart', record: chaosRecordSample(), fail: 'heal of broker failed: EPERM' }]),
  });
  expect((await project.run()).exitCode).toBe(1);
  const md = await readResults(project);
  expect(md).toMatch(/\| 1\. Redpanda restart \| [\d-]+ \| ❌ ERROR \| ~10s \| Playwright failed: Error: heal of broker failed: EPERM;/);
});

test('rewrites run.json after every test, so an interrupted run keeps what finished', async () => {
  await using project = await InlineProject.create();
  const never = join(project.dir, 'never-created');
  await project.write({
    'playwright.config.ts': configSource(),
    'specs/two.spec.ts': specSource([
      { title: 'resumes after a broker restart', record: chaosRecordSample() },
      { title: 'hangs until killed', tags: ['@clickhouse'], waitForFile: never },
    ]),
  });
  const child = project.start();
  try {
    await expect.poll(async () => existsSync(join(project.reportsDir, 'run.json')) && (await readRun(project)).tests.length, { timeout: 60_000 }).toBe(1);
    expect(await readResults(project)).toContain('status running (1 of 2 tests finished)');
  } finally {
    child.kill('SIGKILL');
  }
  await new Promise((done) => child.once('close', done));
  const run = await readRun(project);
  expect(run.status).toBe('running');
  expect(run.tests.map((t) => t.outcome)).toEqual(['PASS']);
  expect((await readdir(project.reportsDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('leaves earlier reports alone when no test runs (--list)', async () => {
  await using project = await InlineProject.create();
  await project.write({
    'playwright.config.ts': configSource(),
    'specs/one.spec.ts': specSource([{ title: 'resumes after a broker restart', record: chaosRecordSample() }]),
    'reports/results.md': 'earlier run\n',
  });
  expect((await project.run(['--list'])).exitCode).toBe(0);
  expect(await readResults(project)).toBe('earlier run\n');
  expect(existsSync(join(project.reportsDir, 'run.json'))).toBe(false);
});
