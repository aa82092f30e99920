import { join } from 'node:path';
import { generateAllureReport } from '../../scripts/generate-reports';
import { chaosRecordSample } from '../reporters/support/chaos-record-sample';
import { InlineProject } from '../reporters/support/inline-project';
import { configSource, specSource } from '../reporters/support/spec-source';

/** The failure modes of the sample run and the MTTR each shows. */
export const SAMPLE_MODES = [
  { label: '1. Redpanda restart', title: 'resumes ingestion within 2 min after a broker restart', tag: '@redpanda', mttr: '~10s' },
  { label: '2. ClickHouse restart', title: 'resumes ingestion within 3 min after a ClickHouse restart', tag: '@clickhouse', mttr: '~3m 20s' },
] as const;

/**
 * Runs a small inline chaos project with every reporter the suite uses (MTTR, Allure, HTML),
 * its tests handing their records over with presentChaosRecord as the chaos fixture does, then
 * generates the Allure report. The caller disposes of the project.
 */
export async function buildSampleReports(): Promise<InlineProject> {
  const project = await InlineProject.create('k2-report-browser-');
  const late = chaosRecordSample({
    failureMode: { number: 2, name: 'ClickHouse restart' }, title: SAMPLE_MODES[1].title,
    outcome: 'RECOVERED_LATE', reason: 'MTTR 3m 20s over the 3m target', mttrTargetMs: 180_000, mttrMs: 200_000,
  });
  await project.write({
    'playwright.config.ts': configSource({}, [
      ['allure-playwright', { resultsDir: join(project.reportsDir, 'allure-results'), detail: true }],
      ['html', { outputFolder: 'reports/html', open: 'never' }],
    ]),
    'specs/modes.spec.ts': specSource([
      { title: SAMPLE_MODES[0].title, tags: [SAMPLE_MODES[0].tag], record: chaosRecordSample({ title: SAMPLE_MODES[0].title }), present: true },
      { title: SAMPLE_MODES[1].title, tags: [SAMPLE_MODES[1].tag], record: late, present: true, fail: 'outcome RECOVERED_LATE: MTTR 3m 20s over the 3m target' },
    ]),
  });
  const run = await project.run([], { K2_REPORTS_DIR: undefined });
  if (run.exitCode !== 1) throw new Error(`the sample run should fail on its RECOVERED_LATE test, exit ${run.exitCode}:\n${run.stdout}${run.stderr}`);
  const allure = await generateAllureReport({ reportsDir: project.reportsDir });
  if (allure !== 0) throw new Error(`allure generate exited ${allure}`);
  return project;
}
