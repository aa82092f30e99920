import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../src/history/statistics';
import type { RunRecord } from '../src/report-model/run-record';
import { formatDurationMs } from '../src/render/format-duration';
import { runHealingChild } from '../src/cli/run-healing-child';
import { PACKAGE_DIR } from './generate-reports';

/**
 * npm run flakiness [-- --runs N] [-- playwright options]: runs the suite N times (default 10),
 * each a fresh `k2-chaos chaos` with throwaway reports and history, and prints each failure
 * mode's outcomes, MTTR p50 / p95 / max and wall time, and the whole suite's wall time. On a
 * clean pipeline every outcome must be PASS; exits 1 otherwise. A run with an outcome other
 * than PASS prints each one's reason and keeps its reports (the folder is printed), since a
 * flake that cannot be read afterwards cannot be fixed. `npm run bench:modes` is one run: the
 * wall time of each failure mode.
 */
const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 10;
if (!Number.isInteger(runs) || runs <= 0) {
  console.error(`flakiness: --runs must be a positive integer, got "${argv[runsAt + 1]}"`);
  process.exit(2);
}
const playwrightArgs = runsAt >= 0 ? [...argv.slice(0, runsAt), ...argv.slice(runsAt + 2)] : argv;

/** One suite run; true when it was stopped by Ctrl-C or SIGTERM (it has healed and gone). */
async function runSuite(reportsDir: string): Promise<boolean> {
  const env = { ...process.env, K2_REPORTS_DIR: reportsDir, K2_HISTORY_DIR: join(reportsDir, 'history') };
  const exit = await runHealingChild(process.execPath, [join(PACKAGE_DIR, 'bin/k2-chaos.mjs'), 'chaos', ...playwrightArgs], { cwd: PACKAGE_DIR, env, stdio: ['ignore', 'ignore', 'inherit'] });
  return exit.interrupted;
}

const byMode = new Map<string, { outcomes: string[]; mttrMs: number[]; wallMs: number[] }>();
const suiteWallMs: number[] = [];
/** The run Ctrl-C or SIGTERM stopped: it is not counted, and no more start. */
let interruptedAt: number | undefined;
for (let i = 1; i <= runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'k2-flakiness-'));
  const started = performance.now();
  let keep = false;
  try {
    if (await runSuite(dir)) {
      interruptedAt = i;
      break;
    }
    const file = join(dir, 'run.json');
    const record = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunRecord) : undefined;
    if (!record) console.log(`flakiness: run ${i} wrote no run record`);
    for (const t of record?.tests ?? []) {
      const key = t.failureMode ? `${t.failureMode.number}. ${t.failureMode.name}` : t.title;
      const entry = byMode.get(key) ?? { outcomes: [], mttrMs: [], wallMs: [] };
      entry.outcomes.push(t.outcome);
      entry.wallMs.push(t.durationMs);
      if (t.record?.durations.mttrMs !== undefined) entry.mttrMs.push(t.record.durations.mttrMs);
      byMode.set(key, entry);
    }
    suiteWallMs.push(performance.now() - started);
    console.log(`flakiness: run ${i} of ${runs}: ${(record?.tests ?? []).map((t) => `${t.failureMode?.number ?? '?'}=${t.outcome}`).join(' ')} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    const notPassed = (record?.tests ?? []).filter((t) => t.outcome !== 'PASS');
    for (const t of notPassed) console.log(`flakiness: run ${i}: ${t.failureMode ? `${t.failureMode.number}. ${t.failureMode.name}` : t.title}: ${t.outcome}: ${t.record?.reason ?? t.errors[0] ?? 'no reason recorded'}`);
    keep = !record || notPassed.length > 0;
    if (keep) console.log(`flakiness: run ${i}: its reports are kept in ${dir}`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

let notPass = 0;
const rows = [...byMode].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([mode, { outcomes, mttrMs, wallMs }]) => {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  notPass += outcomes.filter((o) => o !== 'PASS').length;
  const max = mttrMs.length ? Math.max(...mttrMs) : undefined;
  return `| ${mode} | ${[...counts].map(([o, n]) => `${o} ${n}`).join(', ')} | ${formatDurationMs(percentile(mttrMs, 50))} | ${formatDurationMs(percentile(mttrMs, 95))} | ${formatDurationMs(max)} | ${formatDurationMs(percentile(wallMs, 50))} |`;
});
console.log(['', `| failure mode (${suiteWallMs.length} runs) | outcomes | MTTR p50 | MTTR p95 | MTTR max | wall time p50 |`, '|---|---|---|---|---|---|', ...rows, ''].join('\n'));
// Targets on this machine: each mode beyond the seed under 90 s, the whole suite under 8 min.
console.log(`suite wall time p50 ${formatDurationMs(percentile(suiteWallMs, 50))} (target 8 min, stack start and reports included)`);
const outcomes = [...byMode.values()].reduce((n, m) => n + m.outcomes.length, 0);
console.log(`${outcomes - notPass} passed, ${notPass} failed`);
if (interruptedAt !== undefined) console.log(`flakiness: interrupted during run ${interruptedAt} of ${runs}; that run is not counted, its stack has healed and gone`);
process.exitCode = interruptedAt !== undefined ? 130 : notPass === 0 && byMode.size > 0 ? 0 : 1;
