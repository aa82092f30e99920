import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { openPipelineSource, readSilverProgress, type PipelineSource, type SilverProgress } from '../../src/probes/pipeline';
import { EXCHANGES } from '../../src/stack/names';
import type { EmbeddedStack } from '../../src/targets/embedded/embedded-stack';
import { upEmbeddedStack } from '../../src/targets/embedded/up-embedded-stack';
import { percentile } from './percentile';
import { processTreeRss } from '../../src/probes/stack/process-tree-rss';
import { processTreeCpuSeconds } from '../../src/probes/stack/process-tree-cpu';
import { readMachineCpu } from '../../src/probes/stack/machine-cpu';

export interface StepSettings {
  /** Offered trades per second across all exchanges and symbols. */
  totalRatePerS: number;
  symbols: number;
  warmupMs: number;
  windowMs: number;
  lagSampleEveryMs: number;
  rssSampleEveryMs: number;
  /** How long silver may take to show its first trade of every exchange after boot. */
  firstRowsTimeoutMs: number;
}

export interface StepResult {
  offeredPerS: number;
  bootMs: number;
  silverRowsPerS: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagSamples: number;
  failedReads: number;
  peakRssBytes: number;
  processes: number;
  /** Each service's peak resident memory (its process tree) over the window: where the stack's memory goes. */
  peakRssBytesByService: Record<string, number>;
  /** CPU cores each service used on average over the window (its process tree), the profile of the step. */
  cpuCoresByService: Record<string, number>;
  /** CPU cores the whole machine was busy on average over the window: the services, the bench and anything else. */
  machineBusyCores: number;
}

/** Lets SIGINT take down whatever stack is up at that moment. */
export interface StepCleanup {
  add(down: () => Promise<void>): void;
  remove(down: () => Promise<void>): void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The worst exchange's ingest lag in one reading; an exchange with no trade yet is infinitely behind. */
const worstLagMs = (p: SilverProgress): number => Math.max(...EXCHANGES.map((e) => p[e].lagMs ?? Number.POSITIVE_INFINITY));
const totalRows = (p: SilverProgress): number => EXCHANGES.reduce((sum, e) => sum + p[e].trades, 0);

async function waitFirstRows(source: PipelineSource, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no reading';
  while (performance.now() < deadline) {
    try {
      const p = await readSilverProgress(source);
      if (EXCHANGES.every((e) => p[e].trades > 0)) return;
      last = EXCHANGES.map((e) => `${e}=${p[e].trades}`).join(' ');
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(500);
  }
  throw new Error(`silver did not get trades of every exchange within ${timeoutMs} ms (last: ${last})`);
}

async function servicePids(stack: EmbeddedStack): Promise<Array<[string, number]>> {
  const services = stack.services();
  const states = await Promise.all(services.map((s) => stack.state(s)));
  return services.flatMap((service, i) => (states[i]!.pid === undefined ? [] : [[service, states[i]!.pid!] as [string, number]]));
}

interface CpuReading {
  atMs: number;
  machineBusySeconds: number;
  byService: Map<string, number>;
}

async function readCpu(stack: EmbeddedStack): Promise<CpuReading> {
  const byService = new Map<string, number>();
  for (const service of stack.services()) {
    const { pid } = await stack.state(service);
    if (pid !== undefined) byService.set(service, processTreeCpuSeconds([pid]));
  }
  return { atMs: performance.now(), machineBusySeconds: readMachineCpu().busySeconds, byService };
}

/** Average cores per service between two readings; a service missing from either is left out. */
function cpuProfile(first: CpuReading, last: CpuReading): Pick<StepResult, 'cpuCoresByService' | 'machineBusyCores'> {
  const spanS = (last.atMs - first.atMs) / 1_000;
  const cpuCoresByService: Record<string, number> = {};
  for (const [service, seconds] of last.byService) {
    const before = first.byService.get(service);
    if (before !== undefined) cpuCoresByService[service] = (seconds - before) / spanS;
  }
  return { cpuCoresByService, machineBusyCores: (last.machineBusySeconds - first.machineBusySeconds) / spanS };
}

/** Samples worst-exchange lag every `lagSampleEveryMs` and stack RSS every `rssSampleEveryMs` over the window. */
async function measureWindow(stack: EmbeddedStack, source: PipelineSource, settings: StepSettings): Promise<Omit<StepResult, 'offeredPerS' | 'bootMs'>> {
  const lags: number[] = [];
  let failedReads = 0;
  let first: { at: number; rows: number } | undefined;
  let last: { at: number; rows: number } | undefined;
  let peakRssBytes = 0;
  let processes = 0;
  const peakRssBytesByService: Record<string, number> = {};
  let nextRssAt = 0;
  const cpuAtStart = await readCpu(stack);
  const endAt = performance.now() + settings.windowMs;
  while (performance.now() < endAt) {
    const tickAt = performance.now();
    try {
      const progress = await readSilverProgress(source);
      const reading = { at: performance.now(), rows: totalRows(progress) };
      first ??= reading;
      last = reading;
      lags.push(worstLagMs(progress));
    } catch {
      failedReads += 1;
    }
    if (tickAt >= nextRssAt) {
      const pids = await servicePids(stack);
      const rss = processTreeRss(pids.map(([, pid]) => pid));
      if (rss.bytes > peakRssBytes) ({ bytes: peakRssBytes, processes } = rss);
      for (const [service, pid] of pids) {
        peakRssBytesByService[service] = Math.max(peakRssBytesByService[service] ?? 0, processTreeRss([pid]).bytes);
      }
      nextRssAt = tickAt + settings.rssSampleEveryMs;
    }
    await sleep(Math.max(0, tickAt + settings.lagSampleEveryMs - performance.now()));
  }
  const cpu = cpuProfile(cpuAtStart, await readCpu(stack));
  const spanS = first && last && last.at > first.at ? (last.at - first.at) / 1_000 : Number.NaN;
  return {
    ...cpu,
    silverRowsPerS: first && last ? (last.rows - first.rows) / spanS : Number.NaN,
    lagP50Ms: percentile(lags, 50), lagP99Ms: percentile(lags, 99), lagSamples: lags.length,
    failedReads, peakRssBytes, processes, peakRssBytesByService,
  };
}

/**
 * One rate step on a fresh stack (the simulators restart their trade ids at 1, so a step never
 * reuses topics or tables): boot, wait for silver to see every exchange, warm up, measure, down.
 */
export async function measureStep(settings: StepSettings, cleanup: StepCleanup): Promise<StepResult> {
  const perSymbol = settings.totalRatePerS / (EXCHANGES.length * settings.symbols);
  const runDir = await mkdtemp(join(tmpdir(), 'k2-bench-pipeline-'));
  const stackId = `bp${randomBytes(3).toString('hex')}`;
  let stack: EmbeddedStack | undefined;
  const down = async (): Promise<void> => {
    const s = stack;
    stack = undefined;
    await s?.down().catch((error: Error) => console.error(`stack ${stackId} down failed: ${error.message}`));
    await rm(runDir, { recursive: true, force: true });
  };
  cleanup.add(down);
  try {
    const upAt = performance.now();
    stack = await upEmbeddedStack({
      manifest: REFERENCE_MANIFEST, runDir, stackId,
      env: { K2_SIM_RATE: String(perSymbol), K2_SIM_SYMBOLS: String(settings.symbols) },
    });
    const bootMs = performance.now() - upAt;
    const source = openPipelineSource(stack.endpoints, stack.manifest);
    try {
      await waitFirstRows(source, settings.firstRowsTimeoutMs);
      await sleep(settings.warmupMs);
      const window = await measureWindow(stack, source, settings);
      return { offeredPerS: perSymbol * EXCHANGES.length * settings.symbols, bootMs, ...window };
    } finally {
      await source.close();
    }
  } finally {
    await down();
    cleanup.remove(down);
  }
}
