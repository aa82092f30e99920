import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunRecord } from '../src/report-model/run-record';
import { judgeCase } from '../src/sensitivity/judge-case';
import { CI_DEFECTS, ciSubset, SENSITIVITY_CASES, type SensitivityCase } from '../src/sensitivity/sensitivity-cases';
import { runHealingChild } from '../src/cli/run-healing-child';
import { PACKAGE_DIR } from './generate-reports';

const USAGE = `Usage: npm run test:sensitivity [-- --ci | --only NAME[,NAME]]

The suite's proof that a PASS means something: each failure mode against the clean reference
pipeline (must PASS), and against the pipeline with one seeded defect (must get the outcome and
invariant listed in src/sensitivity/sensitivity-cases.ts). The clean modes share one fresh
embedded stack; each defect gets its own, since it is chosen at service start
(K2_TEST_DEFECTS). Reports and history go to temporary folders: the real MTTR history never sees
a seeded defect. Prints a table and exits 1 if any case got something else.

  --ci                 the subset CI runs: ${CI_DEFECTS.join(', ')}, and the clean pipeline
                       on their modes
  --only NAME[,NAME]   only these defects (\`clean\` for the clean modes)
  --help               this text`;

const { values } = parseArgs({ options: { only: { type: 'string' }, ci: { type: 'boolean' }, help: { type: 'boolean' } }, strict: true });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const label = (c: SensitivityCase) => c.defect ?? 'clean';
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
if (only) {
  const known = new Set<string>(SENSITIVITY_CASES.map(label));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length) {
    console.error(`test:sensitivity: unknown case(s) ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
    process.exit(2);
  }
}
const cases = values.ci ? ciSubset(SENSITIVITY_CASES) : SENSITIVITY_CASES.filter((c) => !only || only.includes(label(c)));

/** Set once a run was stopped by Ctrl-C or SIGTERM: its cases are not judged and no more start. */
let interrupted = false;

/** One Playwright run of the listed modes on a fresh stack, with `defect` on (or none); its run record. */
async function runModes(modes: string[], defect: string | undefined): Promise<RunRecord | undefined> {
  const reportsDir = mkdtempSync(join(tmpdir(), 'k2-sensitivity-'));
  try {
    const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    const { K2_TEST_DEFECTS: _, ...inherited } = process.env;
    const env = { ...inherited, K2_REPORTS_DIR: reportsDir, K2_HISTORY_DIR: join(reportsDir, 'history'), ...(defect ? { K2_TEST_DEFECTS: defect } : {}) };
    const grep = modes.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).map((m) => `${m}(?![\\w-])`).join('|');
    const exit = await runHealingChild(process.execPath, [cli, 'test', '--grep', grep, '--reporter', './reporters/mttr-reporter.ts'], { cwd: PACKAGE_DIR, env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (exit.interrupted) interrupted = true;
    const file = join(reportsDir, 'run.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunRecord) : undefined;
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
}

const rows: string[] = [];
let passed = 0;
let failed = 0;
function report(c: SensitivityCase, run: RunRecord | undefined, seconds: number): void {
  const verdict = judgeCase(c, run);
  const expected = `${c.outcome}${c.invariant ? ` (${c.invariant})` : ''}`;
  const wall = `${seconds.toFixed(0)} s`;
  rows.push(`| ${label(c)} | ${c.hop ?? '-'} | ${c.mode} | ${expected} | ${verdict.got.replace(/\|/g, '/')} | ${wall} | ${verdict.ok ? 'ok' : 'WRONG'} |`);
  console.log(`test:sensitivity: ${label(c)} on ${c.mode}: ${verdict.ok ? 'ok' : 'WRONG'}, got ${verdict.got} (${wall})`);
  if (verdict.ok) passed++;
  else failed++;
}

const cleanCases = cases.filter((c) => !c.defect);
if (cleanCases.length > 0) {
  const started = performance.now();
  const run = await runModes(cleanCases.map((c) => c.mode), undefined);
  const seconds = (performance.now() - started) / 1000;
  if (!interrupted) for (const c of cleanCases) report(c, run, seconds / cleanCases.length);
}
for (const c of cases.filter((d) => d.defect)) {
  if (interrupted) break;
  const started = performance.now();
  const run = await runModes([c.mode], c.defect);
  if (!interrupted) report(c, run, (performance.now() - started) / 1000);
}
if (interrupted) console.log(`test:sensitivity: interrupted; ${passed + failed} of ${cases.length} case(s) judged, the stack of the case that ran has healed and gone`);
console.log(['', '| pipeline | hop | mode | must get | got | wall time | verdict |', '|---|---|---|---|---|---|---|', ...rows, ''].join('\n'));
console.log(`${passed} passed, ${failed} failed${cleanCases.length > 1 ? ' (clean modes share one stack: their wall time is the run\'s average)' : ''}`);
process.exitCode = interrupted ? 130 : failed === 0 ? 0 : 1;
