import { dirname, join, resolve } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import type { RunRecord, RunTestRecord } from '../src/report-model/run-record';
import { summarizeFailureModes } from '../src/history/failure-mode-summary';
import { renderResultsMarkdown } from '../src/render/results-markdown';
import { atomicWriteFileSync } from './atomic-write';
import { gitCommit } from './git-commit';
import { resolveReporterOptions, type MttrReporterOptions, type ResolvedMttrReporterOptions } from './reporter-options';
import { buildTestRecord } from './test-record';

/**
 * Writes reports/results.md (the seed's results table) and reports/run.json (the run record).
 * Both are rewritten atomically after every test, so an interrupted run keeps what finished.
 * Nothing is written until a test finishes, so `--list` leaves earlier reports alone.
 */
export default class MttrReporter implements Reporter {
  private readonly options: ResolvedMttrReporterOptions;
  private rootDir = process.cwd();
  private reportsDir = '';
  private run?: RunRecord;

  constructor(options: MttrReporterOptions = {}) {
    this.options = resolveReporterOptions(options, process.env);
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.rootDir = config.configFile ? dirname(config.configFile) : config.rootDir;
    this.reportsDir = resolve(this.rootDir, this.options.outputDir);
    const startedAt = new Date().toISOString();
    this.run = {
      schemaVersion: 1,
      runId: startedAt,
      startedAt,
      status: 'running',
      commit: gitCommit(this.rootDir),
      versions: {},
      playwright: {
        version: config.version,
        args: process.argv.slice(2),
        repeatEach: Math.max(1, ...config.projects.map((p) => p.repeatEach)),
        expectedTests: suite.allTests().length,
      },
      tests: [],
    };
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const run = this.run;
    if (!run) return;
    const record = buildTestRecord(test, result, this.rootDir);
    this.absorbStack(run, record);
    // A retry replaces the earlier attempt of the same test: the table shows the final verdict.
    const index = run.tests.findIndex((t) => t.id === record.id);
    if (index >= 0) run.tests[index] = record;
    else run.tests.push(record);
    this.write(run);
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const run = this.run;
    if (!run || run.tests.length === 0) return undefined;
    run.status = result.status;
    run.finishedAt = new Date().toISOString();
    this.write(run);
    return undefined;
  }

  private absorbStack(run: RunRecord, test: RunTestRecord): void {
    const stack = test.stack;
    run.target ??= stack?.target ?? test.record?.target;
    run.manifest ??= stack?.manifest ?? test.record?.manifest;
    if (stack?.versions) Object.assign(run.versions, stack.versions);
  }

  private write(run: RunRecord): void {
    atomicWriteFileSync(join(this.reportsDir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
    const markdown = renderResultsMarkdown({
      run,
      summaries: summarizeFailureModes(run.tests),
      comparisons: [],
      trendCharts: {},
      historyProblems: [],
    });
    atomicWriteFileSync(join(this.reportsDir, 'results.md'), markdown);
  }
}
