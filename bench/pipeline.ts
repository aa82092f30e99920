/**
 * `npm run bench:pipeline`: the pipeline's speed targets, measured side by side in one run.
 *
 * 1. Sustained trade rate through silver: one fresh embedded stack per offered rate (the
 *    simulators restart their ids at 1, so a step never reuses topics), silver rows/s over a
 *    window after a warm-up, and the worst exchange's ingest lag (now - newest exchange time in
 *    silver) sampled every 250 ms. The figure is the highest step whose p99 lag stayed under 2 s.
 *    Target: 10,000 trades/s across the three exchanges.
 * 2. Total RSS of the embedded stack under that load: every service process and its descendants.
 *    Target: 1.5 GiB.
 * 3. Wall time of the four pipeline failure-mode specs, stack boot included. Target: 2 minutes.
 *
 * Knobs: K2_BENCH_STEPS (offered totals per second, comma-separated), K2_BENCH_SYMBOLS,
 * K2_BENCH_WARMUP_MS, K2_BENCH_WINDOW_MS, K2_BENCH_BUDGET_MS (whole bench), K2_BENCH_SPECS_TIMEOUT_MS,
 * K2_BENCH_SKIP_SPECS=1. Stacks are always taken down, also on Ctrl-C.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { measureStep, type StepCleanup, type StepResult } from './pipeline/measure-step';
import { timePipelineSpecs, type SpecRun } from './pipeline/spec-wall-time';

const TARGET_RATE_PER_S = 10_000;
const TARGET_RSS_BYTES = 1.5 * 1024 ** 3;
const TARGET_SPECS_MS = 2 * 60_000;
const MAX_P99_LAG_MS = 2_000;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const STEPS = (process.env.K2_BENCH_STEPS ?? '1500,3000,6000,10000').split(',').map((s) => {
  const value = Number(s.trim());
  if (!Number.isFinite(value) || value <= 0) throw new Error(`K2_BENCH_STEPS must list positive rates, got "${s}"`);
  return value;
});
const SYMBOLS = envNumber('K2_BENCH_SYMBOLS', 3);
const WARMUP_MS = envNumber('K2_BENCH_WARMUP_MS', 10_000);
const WINDOW_MS = envNumber('K2_BENCH_WINDOW_MS', 20_000);
const BUDGET_MS = envNumber('K2_BENCH_BUDGET_MS', 10 * 60_000);
const SPECS_TIMEOUT_MS = envNumber('K2_BENCH_SPECS_TIMEOUT_MS', 4 * 60_000);
const SKIP_SPECS = process.env.K2_BENCH_SKIP_SPECS === '1';
const ROOT = resolve(import.meta.dirname, '..');

const int = (v: number): string => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : String(v));
const seconds = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1_000).toFixed(2)} s` : 'none');
const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' / ');
const passes = (r: StepResult): boolean => r.lagP99Ms < MAX_P99_LAG_MS;

const cleanups = new Set<() => Promise<void>>();
const cleanup: StepCleanup = { add: (f) => cleanups.add(f), remove: (f) => cleanups.delete(f) };
process.once('SIGINT', () => {
  console.error('\ninterrupted: taking the bench stacks down');
  void Promise.allSettled([...cleanups].map((f) => f())).then(() => process.exit(130));
});

function printSteps(results: StepResult[]): void {
  console.log('\noffered/s  silver rows/s  lag p50   lag p99   samples  failed reads  stack RSS (procs)   boot      p99 < 2 s');
  for (const r of results) {
    console.log(`${int(r.offeredPerS).padStart(9)}  ${int(r.silverRowsPerS).padStart(13)}  ${seconds(r.lagP50Ms).padStart(8)}  ${seconds(r.lagP99Ms).padStart(8)}  `
      + `${String(r.lagSamples).padStart(7)}  ${String(r.failedReads).padStart(12)}  ${`${gib(r.peakRssBytes)} (${r.processes})`.padStart(17)}  `
      + `${seconds(r.bootMs).padStart(8)}  ${passes(r) ? 'yes' : 'no'}`);
  }
  console.log('\nCPU profile over each window (cores, of 2; the machine figure holds the bench and anything else running)');
  for (const r of results) {
    const services = Object.entries(r.cpuCoresByService).sort(([, a], [, b]) => b - a).map(([s, cores]) => `${s} ${cores.toFixed(2)}`);
    console.log(`${int(r.offeredPerS).padStart(9)}/s  machine ${r.machineBusyCores.toFixed(2)}  ${services.join(', ')}`);
  }
  console.log('\nPeak RSS per service over each window (MiB; the stack total above is the peak of their sum at one moment)');
  for (const r of results) {
    const services = Object.entries(r.peakRssBytesByService).sort(([, a], [, b]) => b - a).map(([s, bytes]) => `${s} ${Math.round(bytes / 1024 ** 2)}`);
    console.log(`${int(r.offeredPerS).padStart(9)}/s  ${services.join(', ')}`);
  }
}

function printSummary(results: StepResult[], specs: SpecRun | undefined): void {
  const best = results.filter(passes).at(-1);
  const loaded = best ?? results.at(-1);
  // On a loaded machine a lower step can miss while a higher one passes; say so rather than hide it.
  const missedBelow = best ? results.filter((r) => r.offeredPerS < best.offeredPerS && !passes(r)) : [];
  console.log('\nfigure                                   measured        target       ratio to target');
  const rate = best?.silverRowsPerS ?? 0;
  console.log(`sustained silver rate, p99 lag < 2 s     ${`${int(rate)}/s`.padEnd(16)}${'10,000/s'.padEnd(13)}${(rate / TARGET_RATE_PER_S).toFixed(2)}x (higher is better)`
    + (best ? ` at offered ${int(best.offeredPerS)}/s` : ' (no step passed)'));
  if (missedBelow.length > 0) console.log(`  note: lower step(s) ${missedBelow.map((r) => int(r.offeredPerS)).join(', ')}/s missed 2 s p99: the machine's load varied during the run`);
  if (loaded) {
    console.log(`stack RSS at offered ${int(loaded.offeredPerS)}/s`.padEnd(41) + `${gib(loaded.peakRssBytes).padEnd(16)}${'1.50 GiB'.padEnd(13)}`
      + `${(loaded.peakRssBytes / TARGET_RSS_BYTES).toFixed(2)}x (lower is better)`);
  }
  if (specs) {
    const wall = `${(specs.wallMs / 60_000).toFixed(2)} min${specs.timedOut ? ' (stopped)' : ''}`;
    console.log(`four pipeline specs, boot included       ${`${wall} `.padEnd(16)}${'2.00 min'.padEnd(13)}${(specs.wallMs / TARGET_SPECS_MS).toFixed(2)}x (lower is better)`);
    console.log(`  specs: exit ${specs.exitCode}; ${specs.summary.join('; ') || 'no summary line'}`);
  }
}

async function main(): Promise<void> {
  const benchStart = performance.now();
  const stepsBudgetMs = BUDGET_MS - (SKIP_SPECS ? 0 : SPECS_TIMEOUT_MS);
  console.log(`bench:pipeline: steps ${STEPS.map(int).join(', ')} trades/s over 3 exchanges x ${SYMBOLS} symbols, warm-up ${seconds(WARMUP_MS)}, window ${seconds(WINDOW_MS)}`);
  console.log(`load average at start (1 / 5 / 15 min): ${load()}`);
  const results: StepResult[] = [];
  let lastStepMs = 0;
  for (const total of STEPS) {
    const left = stepsBudgetMs - (performance.now() - benchStart);
    if (left < Math.max(lastStepMs, WARMUP_MS + WINDOW_MS)) {
      console.log(`step ${int(total)}/s skipped: ${seconds(left)} of the steps' budget left, the last step took ${seconds(lastStepMs)}`);
      break;
    }
    const stepAt = performance.now();
    try {
      const result = await measureStep({
        totalRatePerS: total, symbols: SYMBOLS, warmupMs: WARMUP_MS, windowMs: WINDOW_MS,
        lagSampleEveryMs: 250, rssSampleEveryMs: 1_000, firstRowsTimeoutMs: 60_000,
      }, cleanup);
      results.push(result);
      console.log(`step ${int(total)}/s: silver ${int(result.silverRowsPerS)} rows/s, lag p99 ${seconds(result.lagP99Ms)}, RSS ${gib(result.peakRssBytes)}, load ${load()}`);
      lastStepMs = performance.now() - stepAt;
    } catch (error) {
      console.log(`step ${int(total)}/s failed: ${(error as Error).message}`);
      break;
    }
  }
  let specs: SpecRun | undefined;
  if (!SKIP_SPECS) {
    console.log(`running the four pipeline specs (timeout ${seconds(SPECS_TIMEOUT_MS)}), load ${load()}`);
    specs = await timePipelineSpecs(ROOT, SPECS_TIMEOUT_MS, cleanup);
  }
  printSteps(results);
  printSummary(results, specs);
  console.log(`\nload average at end (1 / 5 / 15 min): ${load()}; 2 cores shared; bench took ${seconds(performance.now() - benchStart)}`);
}

await main();
