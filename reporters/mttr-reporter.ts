import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import type { RunRecord, RunTestRecord } from '../src/report-model/run-record';
import { summarizeFailureModes } from '../src/history/failure-mode-summary';
import { renderResultsMarkdown, type ResultsMarkdownInput } from '../src/render/results-markdown';
import { renderTimelineSvg } from '../src/render/timeline-svg';
import { renderCampaignTimelineSvg } from '../src/render/campaign-timeline-svg';
import { slug } from '../src/render/test-label';
import { atomicWriteFileSync } from './atomic-write';
import { gitCommit } from './git-commit';
import { recordRunHistory } from './run-history';
import { resolveReporterOptions, type MttrReporterOptions, type ResolvedMttrReporterOptions } from './reporter-options';
import { buildTestRecord } from './test-record';

/**
 * Writes reports/results.md (the seed's results table) and reports/run.json (the run record),
 * both rewritten atomically after every test so an interrupted run keeps what finished, plus an
 * evidence timeline SVG per test. At the end it appends the run to the MTTR history, draws the
 * trend charts and applies the regression gate. Nothing is written until a test finishes, so
 * `--list` leaves earlier reports alone.
 */
export default class MttrReporter implements Reporter {
  private readonly options: ResolvedMttrReporterOptions;
  private rootDir = process.cwd();
  private reportsDir = '';
  private run?: RunRecord;
  private wroteOnce = false;

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
    if (!this.wroteOnce) {
      // Timelines of an earlier run must not be mistaken for this run's.
      rmSync(join(this.reportsDir, 'timelines'), { recursive: true, force: true });
      this.wroteOnce = true;
    }
    if (record.campaign) {
      record.timelineSvg = `timelines/campaign-seed-${record.campaign.choice.seed}${record.repeatEachIndex > 0 ? `-r${record.repeatEachIndex + 1}` : ''}.svg`;
      atomicWriteFileSync(join(this.reportsDir, record.timelineSvg), renderCampaignTimelineSvg(record.campaign));
    }
    if (record.record) {
      const base = record.failureMode ? `${String(record.failureMode.number).padStart(2, '0')} ${record.failureMode.name}` : record.title;
      const suffix = `${record.repeatEachIndex > 0 ? `-r${record.repeatEachIndex + 1}` : ''}${record.retry > 0 ? `-retry${record.retry}` : ''}`;
      record.timelineSvg = `timelines/${slug(base)}${suffix}.svg`;
      atomicWriteFileSync(join(this.reportsDir, record.timelineSvg), renderTimelineSvg(record.record));
    }
    // A retry replaces the earlier attempt of the same test: the table shows the final verdict.
    const index = run.tests.findIndex((t) => t.id === record.id);
    if (index >= 0) run.tests[index] = record;
    else run.tests.push(record);
    this.write(run);
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const run = this.run;
    if (!run || run.tests.length === 0) return undefined;
    run.finishedAt = new Date().toISOString();
    let history: Awaited<ReturnType<typeof recordRunHistory>> | undefined;
    try {
      history = await recordRunHistory(run, this.reportsDir, resolve(this.rootDir, this.options.historyDir), this.options);
    } catch (error) {
      console.error(`mttr-reporter: could not update the MTTR history: ${(error as Error).message}`);
    }
    const gateFailed = history !== undefined && !history.gate.passed;
    // Without a readable history the gate cannot vouch for the run.
    const gateBlind = history === undefined && this.options.regressionGate;
    run.gate = history?.gate;
    run.status = (gateFailed || gateBlind) && result.status === 'passed' ? 'failed' : result.status;
    this.write(run, history ? { comparisons: history.comparisons, targetComparisons: history.targetComparisons, trendCharts: history.trendCharts, historyProblems: history.problems } : {});
    for (const problem of history?.problems ?? []) console.error(`mttr-reporter: ${problem} (line left out)`);
    if (gateFailed) {
      console.error(`\nRegression gate failed:\n${history!.gate.regressions.map((r) => `  ${r.message}`).join('\n')}`);
    }
    console.log(`\nMTTR results: ${join(this.reportsDir, 'results.md')}`);
    return gateFailed || gateBlind ? { status: 'failed' } : undefined;
  }

  private absorbStack(run: RunRecord, test: RunTestRecord): void {
    const stack = test.stack;
    run.target ??= stack?.target ?? test.record?.target;
    run.manifest ??= stack?.manifest ?? test.record?.manifest;
    if (stack?.versions) Object.assign(run.versions, stack.versions);
  }

  private write(run: RunRecord, extra: Partial<Pick<ResultsMarkdownInput, 'comparisons' | 'targetComparisons' | 'trendCharts' | 'historyProblems'>> = {}): void {
    atomicWriteFileSync(join(this.reportsDir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
    const markdown = renderResultsMarkdown({
      run,
      summaries: summarizeFailureModes(run.tests),
      comparisons: extra.comparisons ?? [],
      targetComparisons: extra.targetComparisons ?? [],
      trendCharts: extra.trendCharts ?? {},
      historyProblems: extra.historyProblems ?? [],
    });
    atomicWriteFileSync(join(this.reportsDir, 'results.md'), markdown);
  }
}
