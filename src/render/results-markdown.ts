import type { RunRecord } from '../report-model/run-record';
import type { FailureModeSummary } from '../history/failure-mode-summary';
import type { HistoryComparison } from '../history/history-comparison';
import type { TargetComparison } from '../history/target-comparison';
import { campaignSection } from './campaign-section';
import { overallLine } from './overall-line';
import { isSeedFailureMode } from '../report-model/failure-modes';
import { detailsTable, repeatStatsTable, seedResultsTable, targetTable, trendTable } from './results-tables';

export interface ResultsMarkdownInput {
  run: RunRecord;
  summaries: readonly FailureModeSummary[];
  /** Against earlier runs; empty while the run is in progress. */
  comparisons: readonly HistoryComparison[];
  /** This run beside the latest run on other targets; empty when no other target has run. */
  targetComparisons?: readonly TargetComparison[];
  /** Trend chart per failure mode number, relative to the reports folder. */
  trendCharts: Readonly<Record<number, string>>;
  /** Unreadable history lines, shown so a broken history file is noticed. */
  historyProblems: readonly string[];
}

function header(run: RunRecord): string {
  const finished = run.tests.length;
  const status = run.status === 'running'
    ? `running (${finished} of ${run.playwright.expectedTests} tests finished)`
    : run.status;
  const facts = [
    `run ${run.runId}`,
    `target ${run.target ?? 'unknown'}`,
    `manifest ${run.manifest ?? 'unknown'}`,
    run.commit ? `commit ${run.commit.slice(0, 12)}` : 'commit unknown',
    `status ${status}`,
  ];
  const versions = Object.entries(run.versions).map(([service, version]) => `${service} ${version}`);
  const versionLine = versions.length > 0 ? `\n\nServices: ${versions.join(' · ')}` : '';
  return `# k2-chaos results\n\n${facts.join(' · ')}${versionLine}`;
}

function gateSection(run: RunRecord): string[] {
  const gate = run.gate;
  if (!gate) return [];
  if (!gate.enabled) return ['**Regression gate**: off (set `K2_REGRESSION_GATE=1` to fail the run on an MTTR or outcome regression).'];
  const rule = `margin ${Math.round(gate.marginRatio * 100)}% over the median of the last ${gate.windowRuns} runs, or a worse outcome`;
  if (gate.passed) return [`**Regression gate**: passed (${rule}).`];
  return [`**Regression gate**: FAILED (${rule}):`, '', ...gate.regressions.map((r) => `- ${r.message}`)];
}

/**
 * reports/results.md: the seed's results table (its six failure modes, as the seed has it), the
 * modes beyond the seed in a table of their own, the recovery details, repeats, trend and gate.
 */
export function renderResultsMarkdown(input: ResultsMarkdownInput): string {
  const { run, summaries, comparisons, trendCharts, historyProblems } = input;
  // A campaign has a section of its own, not a row among the failure modes.
  const looseTests = run.tests.filter((t) => !t.failureMode && !t.campaign);
  const campaigns = run.tests.filter((t) => t.campaign);
  const repeated = summaries.filter((s) => s.tests.length > 1);
  const repeatedModes = new Set(repeated.map((s) => s.failureMode.number));
  const ordered = run.tests.filter((t) => !t.campaign).sort((a, b) =>
    (a.failureMode?.number ?? Infinity) - (b.failureMode?.number ?? Infinity) || a.repeatEachIndex - b.repeatEachIndex);
  const seedSummaries = summaries.filter((s) => isSeedFailureMode(s.failureMode.number));
  const beyondSummaries = summaries.filter((s) => !isSeedFailureMode(s.failureMode.number));
  const out = [
    header(run),
    '',
    `## Results (${run.startedAt.slice(0, 10)})`,
    '',
    seedResultsTable(seedSummaries, looseTests),
    '',
  ];
  for (const test of campaigns) out.push(campaignSection(test.campaign!, test.timelineSvg), '');
  if (beyondSummaries.length > 0) out.push('## Beyond the seed', '', seedResultsTable(beyondSummaries, []), '');
  out.push(
    `${overallLine(summaries, looseTests)}<br>`,
    '',
    '## Recovery details',
    '',
    detailsTable(ordered, repeatedModes),
  );
  if (repeated.length > 0) out.push('', '## MTTR over repetitions', '', repeatStatsTable(repeated));
  if (comparisons.length > 0) out.push('', '## MTTR against earlier runs', '', trendTable(comparisons, trendCharts));
  const byTarget = input.targetComparisons ?? [];
  if (byTarget.length > 0) out.push('', '## MTTR by target (latest run of each)', '', targetTable(byTarget, run.target ?? 'unknown'));
  const gate = gateSection(run);
  if (gate.length > 0) out.push('', ...gate);
  if (historyProblems.length > 0) {
    out.push('', 'Unreadable MTTR history lines (left out):', '', ...historyProblems.map((p) => `- ${p}`));
  }
  return `${out.join('\n')}\n`;
}
