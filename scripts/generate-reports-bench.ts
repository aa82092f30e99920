// Prints how long the report renderers take on large inputs (npm run bench:reports).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChaosRecord } from '../src/report-model/chaos-record';
import type { RunRecord, RunTestRecord } from '../src/report-model/run-record';
import type { MttrHistoryEntry } from '../src/history/mttr-history-entry';
import { appendMttrHistory, readMttrHistory } from '../src/history/mttr-history-file';
import { summarizeFailureModes } from '../src/history/failure-mode-summary';
import { renderResultsMarkdown } from '../src/render/results-markdown';
import { renderTimelineSvg } from '../src/render/timeline-svg';
import { renderTrendSvg } from '../src/render/trend-svg';

const EXPERIMENT_MS = 10 * 60_000;
const POLL_MS = 100;

function bigRecord(number: number, mttrMs: number): ChaosRecord {
  const times = Array.from({ length: EXPERIMENT_MS / POLL_MS }, (_, i) => i * POLL_MS);
  const series = (name: string, unit: string, f: (t: number) => number) => ({ name, unit, points: times.map((t): [number, number] => [t, f(t)]) });
  return {
    schemaVersion: 1, failureMode: { number, name: `mode ${number}` }, title: 'bench', target: 'embedded', manifest: 'reference',
    outcome: 'PASS', mttrTargetMs: 120_000, startedAt: new Date().toISOString(),
    marks: { injectMs: 60_000, healMs: 90_000, firstProgressMs: 90_000 + mttrMs, steadyMs: 95_000 + mttrMs },
    durations: { mttrMs, outageMs: 30_000 + mttrMs, timeToSteadyMs: 5_000 + mttrMs },
    faults: [], invariants: [{ name: 'trade-ledger', status: 'valid', summary: 'ok' }], notes: [],
    timeline: [
      series('binance', 'trades/s', (t) => 40 + Math.sin(t / 1_000) * 5),
      series('kraken', 'trades/s', (t) => 12 + Math.cos(t / 700)),
      series('coinbase', 'trades/s', (t) => 20 + Math.sin(t / 300)),
      series('end-to-end lag', 'ms', (t) => 150 + (t % 9_000) / 10),
    ],
  };
}

function timed<T>(label: string, runs: number, fn: () => T): T {
  let result!: T;
  const start = performance.now();
  for (let i = 0; i < runs; i++) result = fn();
  console.log(`${label.padEnd(58)} ${((performance.now() - start) / runs).toFixed(1)} ms`);
  return result;
}

const record = bigRecord(1, 10_000);
const svg = timed(`renderTimelineSvg: 4 series x ${EXPERIMENT_MS / POLL_MS} points`, 10, () => renderTimelineSvg(record));
console.log(`${'  timeline SVG size'.padEnd(58)} ${(svg.length / 1024).toFixed(0)} KiB`);

const tests: RunTestRecord[] = [];
for (let mode = 1; mode <= 6; mode++) {
  for (let r = 0; r < 20; r++) {
    tests.push({ id: `${mode}-${r}`, title: 't', titlePath: [], location: 'x:1', tags: [], repeatEachIndex: r, retry: 0, failureMode: { number: mode, name: `mode ${mode}` },
      outcome: 'PASS', status: 'passed', startedAt: new Date().toISOString(), durationMs: 1, errors: [], record: { ...bigRecord(mode, 5_000 + r * 100), timeline: [] } });
  }
}
const run: RunRecord = { schemaVersion: 1, runId: 'bench', startedAt: new Date().toISOString(), status: 'passed', versions: {}, playwright: { version: '', args: [], repeatEach: 20, expectedTests: tests.length }, tests };
timed('renderResultsMarkdown: 6 failure modes x 20 repeats', 20, () => renderResultsMarkdown({ run, summaries: summarizeFailureModes(tests), comparisons: [], trendCharts: {}, historyProblems: [] }));

const entries: MttrHistoryEntry[] = Array.from({ length: 10_000 }, (_, i) => ({
  schemaVersion: 1, runId: `r${i}`, date: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(), target: 'embedded',
  failureMode: { number: 1 + (i % 6), name: 'mode' }, outcome: 'PASS', mttrMs: 10_000 + (i % 50) * 100, repeats: 1,
}));
timed('renderTrendSvg: 1 000 runs', 10, () => renderTrendSvg({ number: 1, name: 'mode 1' }, entries.slice(0, 1_000)));
const dir = await mkdtemp(join(tmpdir(), 'k2-reports-bench-'));
try {
  await appendMttrHistory(join(dir, 'h.jsonl'), entries);
  const start = performance.now();
  const { entries: read } = await readMttrHistory(join(dir, 'h.jsonl'));
  console.log(`${`readMttrHistory: ${read.length} lines`.padEnd(58)} ${(performance.now() - start).toFixed(1)} ms`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
