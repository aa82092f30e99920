/**
 * `npm run bench:campaign`: a campaign under load, measured. Runs `k2-chaos campaign` (5 minutes,
 * seed 42, the default faults) at an offered rate on a fresh embedded stack, samples the machine's
 * CPU while it runs, and prints from the campaign's record: the faults applied and recovered, the
 * violations (0 on the reference pipeline), the rate silver took in and its p99 ingest lag, and
 * CPU seconds per 1,000 trades, all over the campaign's duration (boot and checks left out).
 *
 * Knobs: K2_BENCH_CAMPAIGN_RATE (offered trades/s over all exchanges; by default 5,000, the highest
 * rate measured to hold under this campaign's faults on a two-core machine: bench:pipeline keeps
 * up with 10,000 without faults, but at 7,500 and 10,000 the backlog a ClickHouse kill leaves was
 * never drained), K2_BENCH_CAMPAIGN_DURATION, K2_BENCH_CAMPAIGN_SEED, K2_BENCH_CAMPAIGN_FAULTS.
 * Reports go to reports/bench-campaign (K2_REPORTS_DIR). Ctrl-C or SIGTERM reaches the campaign,
 * which heals and takes its stack down.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { runHealingChild, type HealingChildExit } from '../src/cli/run-healing-child';
import { readMachineCpu } from '../src/probes/stack/machine-cpu';
import type { RunRecord } from '../src/report-model/run-record';
import { campaignFigures, type CpuSample } from './campaign/campaign-figures';

const ROOT = resolve(import.meta.dirname, '..');
const RATE = process.env.K2_BENCH_CAMPAIGN_RATE || '5000';
const DURATION = process.env.K2_BENCH_CAMPAIGN_DURATION || '5m';
const SEED = process.env.K2_BENCH_CAMPAIGN_SEED || '42';
const FAULTS = process.env.K2_BENCH_CAMPAIGN_FAULTS;
const REPORTS_DIR = resolve(ROOT, process.env.K2_REPORTS_DIR || 'reports/bench-campaign');
const CPU_SAMPLE_MS = 1_000;

const int = (v: number): string => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : String(v));
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' / ');

async function runCampaign(cpu: CpuSample[]): Promise<HealingChildExit> {
  const args = ['bin/k2-chaos.mjs', 'campaign', '--duration', DURATION, '--seed', SEED, '--rate', RATE, ...(FAULTS ? ['--faults', FAULTS] : [])];
  console.log(`bench:campaign: k2-chaos ${args.slice(1).join(' ')}; reports in ${REPORTS_DIR}`);
  console.log(`load average at start (1 / 5 / 15 min): ${load()}`);
  const sample = (): void => void cpu.push({ atEpochMs: Date.now(), busySeconds: readMachineCpu().busySeconds });
  sample();
  const sampler = setInterval(sample, CPU_SAMPLE_MS);
  try {
    return await runHealingChild(process.execPath, args, { cwd: ROOT, env: { ...process.env, K2_TARGET: 'embedded', K2_REPORTS_DIR: REPORTS_DIR } });
  } finally {
    clearInterval(sampler);
    sample();
  }
}

async function main(): Promise<number> {
  const cpu: CpuSample[] = [];
  const { status: exitCode, interrupted } = await runCampaign(cpu);
  if (interrupted) {
    console.error('bench:campaign: interrupted; the campaign has healed and taken its stack down, no figures');
    return 130;
  }
  const run = JSON.parse(await readFile(join(REPORTS_DIR, 'run.json'), 'utf8')) as RunRecord;
  const record = run.tests.find((t) => t.campaign)?.campaign;
  if (!record) {
    console.error(`bench:campaign: the campaign wrote no record (exit ${exitCode}); see ${REPORTS_DIR}`);
    return 1;
  }
  const f = campaignFigures(record, cpu);
  const offered = Number(RATE);
  console.log(`\nfigure                              measured`);
  console.log(`verdict                             ${f.verdict} (exit ${exitCode})`);
  console.log(`faults applied / recovered          ${f.faultsApplied} / ${f.faultsRecovered} of ${f.faultsPlanned} planned`);
  console.log(`violations (target 0)               ${f.violations.length}${f.violations.map((v) => `\n  ${v}`).join('')}`);
  console.log(`silver took in                      ${int(f.silverTrades)} trades, ${int(f.silverTradesPerS)}/s of ${int(offered)}/s offered (${(f.silverTradesPerS / offered).toFixed(2)}x)`);
  console.log(`ingest lag p99, faults included     ${(f.lagP99Ms / 1_000).toFixed(2)} s`);
  console.log(`machine CPU over the campaign       ${f.cpuSeconds.toFixed(0)} core-seconds (${(f.cpuSeconds / (record.choice.durationMs / 1_000)).toFixed(2)} of 2 cores)`);
  console.log(`CPU per 1,000 trades                ${f.cpuSecondsPer1000Trades.toFixed(3)} core-seconds (every process on the machine, the runner included)`);
  console.log(`services' peak RSS, summed          ${int(f.peakRssMiB)} MiB`);
  const exits = record.unplannedExits ?? [];
  console.log(`services that exited on their own   ${exits.length}${exits.map((e) => `\n  ${e.service} at ${(e.noticedAtMs / 1_000).toFixed(0)} s, ${e.restartedAtMs === undefined ? `not started again: ${e.error ?? 'the campaign ended first'}` : `started again at ${(e.restartedAtMs / 1_000).toFixed(0)} s`}`).join('')}`);
  console.log(`\nload average at end (1 / 5 / 15 min): ${load()}; 2 cores shared`);
  return f.verdict === 'PASS' ? 0 : 1;
}

process.exitCode = await main();
