import type { CampaignRecord } from '../../src/campaign/campaign-record';
import { percentile } from '../pipeline/percentile';

/** One reading of the machine's busy CPU seconds (all cores), at an epoch instant. */
export interface CpuSample {
  atEpochMs: number;
  busySeconds: number;
}

export interface CampaignFigures {
  verdict: CampaignRecord['verdict'];
  faultsPlanned: number;
  faultsApplied: number;
  faultsRecovered: number;
  /** Invariants that are not valid (violated or unknown), by name and summary. */
  violations: string[];
  /** Trades silver took in over the campaign's duration, all exchanges, from the timeline. */
  silverTrades: number;
  silverTradesPerS: number;
  /** p99 of every exchange's ingest lag samples over the campaign, faults included. */
  lagP99Ms: number;
  /** Machine busy CPU seconds over the campaign's duration (every process: services, runner, anything else). */
  cpuSeconds: number;
  cpuSecondsPer1000Trades: number;
  /** Sum over services of each one's peak RSS. */
  peakRssMiB: number;
}

/** The busy seconds at an instant, interpolated between the samples around it; undefined outside them. */
function busyAt(samples: readonly CpuSample[], atEpochMs: number): number | undefined {
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (a.atEpochMs <= atEpochMs && atEpochMs <= b.atEpochMs) {
      const share = b.atEpochMs === a.atEpochMs ? 0 : (atEpochMs - a.atEpochMs) / (b.atEpochMs - a.atEpochMs);
      return a.busySeconds + share * (b.busySeconds - a.busySeconds);
    }
  }
  return undefined;
}

/** A series' increase over [0, untilMs]: the last reading at or before the end minus the first. */
function increase(points: ReadonlyArray<[number, number]>, untilMs: number): number {
  const inside = points.filter(([at]) => at <= untilMs);
  return inside.length < 2 ? 0 : inside.at(-1)![1] - inside[0]![1];
}

/**
 * What bench:campaign prints, from the campaign's record and the machine's CPU sampled while it
 * ran. Everything is taken over the campaign's planned duration (from its start, before the
 * catch-up and the checks), so boot and checking are not charged to the trades. Pure.
 */
export function campaignFigures(record: CampaignRecord, cpu: readonly CpuSample[]): CampaignFigures {
  const durationMs = record.choice.durationMs;
  if (record.startedAtEpochMs === undefined) throw new Error('the campaign record has no start instant (startedAtEpochMs): it was written by an older k2-chaos');
  const silver = record.timeline.filter((s) => s.name.startsWith('silver trades '));
  const silverTrades = silver.reduce((sum, s) => sum + increase(s.points, durationMs), 0);
  const lags = record.timeline.filter((s) => s.name.startsWith('ingest lag ')).flatMap((s) => s.points.filter(([at]) => at <= durationMs).map(([, ms]) => ms));
  const start = busyAt(cpu, record.startedAtEpochMs);
  const end = busyAt(cpu, record.startedAtEpochMs + durationMs);
  if (start === undefined || end === undefined) throw new Error('the CPU samples do not cover the campaign\'s duration');
  const cpuSeconds = end - start;
  return {
    verdict: record.verdict,
    faultsPlanned: record.planned.length,
    faultsApplied: record.runs.filter((r) => r.confirmed).length,
    faultsRecovered: record.runs.filter((r) => r.mttrMs !== undefined).length,
    violations: record.invariants.filter((i) => i.status !== 'valid').map((i) => `${i.name}: ${i.status} (${i.summary})`),
    silverTrades,
    silverTradesPerS: silverTrades / (durationMs / 1_000),
    lagP99Ms: percentile(lags, 99),
    cpuSeconds,
    cpuSecondsPer1000Trades: silverTrades > 0 ? cpuSeconds / (silverTrades / 1_000) : Number.NaN,
    peakRssMiB: record.memory.reduce((sum, m) => sum + m.peakMiB, 0),
  };
}
