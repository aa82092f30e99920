import type { ChaosRecord, StackInfo } from '../../../src/report-model/chaos-record';
import { CHAOS_RECORD_ATTACHMENT, STACK_INFO_ATTACHMENT } from '../../../src/report-model/chaos-record';
import { MTTR_REPORTER, REPO_DIR } from './inline-project';

/** One test of an inline spec: what it attaches and how it ends. */
export interface SpecCase {
  title: string;
  tags?: string[];
  record?: ChaosRecord;
  stack?: StackInfo;
  /** Hand the record to the reports with presentChaosRecord (record, timeline, annotations) as the chaos fixture does. */
  present?: boolean;
  /** Attach an allure-js message that reuses our attachment name; reporters must ignore it. */
  allureMessage?: boolean;
  /** Fail the test with this message (after attaching). */
  fail?: string;
  skip?: string;
  /** Block until this file exists (lets a test interrupt the run midway). */
  waitForFile?: string;
}

const json = (value: unknown) => JSON.stringify(JSON.stringify(value));

function caseSource(c: SpecCase): string {
  const lines: string[] = [];
  if (c.skip) lines.push(`  test.skip(true, ${JSON.stringify(c.skip)});`);
  if (c.allureMessage) {
    lines.push(`  await testInfo.attach('${CHAOS_RECORD_ATTACHMENT}', { body: '{"not":"ours"', contentType: 'application/vnd.allure.message+json' });`);
  }
  if (c.stack) lines.push(`  await testInfo.attach('${STACK_INFO_ATTACHMENT}', { body: ${json(c.stack)}, contentType: 'application/json' });`);
  if (c.record) {
    lines.push(`  const record = JSON.parse(${json(c.record)});`);
    lines.push(c.present
      ? '  await presentChaosRecord(testInfo, record);'
      : `  await testInfo.attach('${CHAOS_RECORD_ATTACHMENT}', { body: JSON.stringify(record), contentType: 'application/json' });`);
  }
  if (c.waitForFile) lines.push(`  while (!existsSync(${JSON.stringify(c.waitForFile)})) await new Promise((r) => setTimeout(r, 100));`);
  if (c.fail) lines.push(`  throw new Error(${JSON.stringify(c.fail)});`);
  const tags = c.tags?.length ? `{ tag: ${JSON.stringify(c.tags)} }, ` : '';
  return `test(${JSON.stringify(c.title)}, ${tags}async ({}, testInfo) => {\n${lines.join('\n')}\n});`;
}

/** A spec file whose tests attach ChaosRecords the way the chaos fixture does. */
export function specSource(cases: SpecCase[]): string {
  return [
    `import { test } from '@playwright/test';`,
    `import { existsSync } from 'node:fs';`,
    ...(cases.some((c) => c.present)
      ? [`import { presentChaosRecord } from ${JSON.stringify(`${REPO_DIR}/reporters/present-chaos-record.ts`)};`]
      : []),
    `void existsSync;`,
    '',
    ...cases.map(caseSource),
    '',
  ].join('\n');
}

/** A config running the given specs serially with the MTTR reporter (plus any others). */
export function configSource(reporterOptions: Record<string, unknown> = {}, extraReporters: unknown[] = []): string {
  const reporters = [['list'], [MTTR_REPORTER, { outputDir: 'reports', ...reporterOptions }], ...extraReporters];
  return [
    `import { defineConfig } from '@playwright/test';`,
    `export default defineConfig({`,
    `  testDir: 'specs',`,
    `  outputDir: 'reports/test-output',`,
    `  workers: 1,`,
    `  fullyParallel: false,`,
    `  timeout: 60_000,`,
    `  reporter: ${JSON.stringify(reporters)},`,
    `});`,
    '',
  ].join('\n');
}
