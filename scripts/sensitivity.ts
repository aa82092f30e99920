import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunRecord } from '../src/report-model/run-record';
import { judgeCase } from '../src/sensitivity/judge-case';
import { SENSITIVITY_CASES, type SensitivityCase } from '../src/sensitivity/sensitivity-cases';
import { PACKAGE_DIR } from './generate-reports';

/**
 * npm run test:sensitivity — the suite's proof that a PASS means something: each failure mode
 * against the clean reference pipeline (must PASS) and against the pipeline with one seeded
 * defect (must get the outcome and the invariant listed in src/sensitivity/sensitivity-cases.ts).
 * Every case is its own Playwright run on a fresh embedded stack, with reports and history in a
 * temporary folder (the real MTTR history never sees a seeded defect).
 *
 *   --only NAME[,NAME]   only these defects (and `clean` for the clean runs)
 */
const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const label = (c: SensitivityCase) => c.defect ?? 'clean';
const cases = SENSITIVITY_CASES.filter((c) => !only || only.includes(label(c)));
if (only) {
  const known = new Set<string>(SENSITIVITY_CASES.map(label));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length) {
    console.error(`test:sensitivity: unknown case(s) ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
    process.exit(2);
  }
}

function runMode(c: SensitivityCase, reportsDir: string): Promise<number> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const { K2_TEST_DEFECTS: _, ...inherited } = process.env;
  const env = { ...inherited, K2_REPORTS_DIR: reportsDir, K2_HISTORY_DIR: join(reportsDir, 'history'), ...(c.defect ? { K2_TEST_DEFECTS: c.defect } : {}) };
  const child = spawn(process.execPath, [cli, 'test', '--grep', c.mode, '--reporter', './reporters/mttr-reporter.ts'], { cwd: PACKAGE_DIR, env, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
}

const rows: string[] = [];
let passed = 0;
let failed = 0;
for (const c of cases) {
  const reportsDir = mkdtempSync(join(tmpdir(), 'k2-sensitivity-'));
  const started = performance.now();
  try {
    await runMode(c, reportsDir);
    const file = join(reportsDir, 'run.json');
    const run = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunRecord) : undefined;
    const verdict = judgeCase(c, run);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const expected = `${c.outcome}${c.invariant ? ` (${c.invariant})` : ''}`;
    rows.push(`| ${label(c)} | ${c.mode} | ${expected} | ${verdict.got} | ${seconds} s | ${verdict.ok ? 'ok' : 'WRONG'} |`);
    console.log(`test:sensitivity: ${label(c)} on ${c.mode}: ${verdict.ok ? 'ok' : 'WRONG'}, got ${verdict.got} (${seconds} s)`);
    if (verdict.ok) passed++;
    else failed++;
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
}
console.log(['', '| pipeline | mode | must get | got | wall time | verdict |', '|---|---|---|---|---|---|', ...rows, ''].join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
