import { percentile } from '../history/statistics';
import type { CampaignFaultRun } from './run-campaign';

/** One fault kind's recoveries over a campaign. */
export interface KindSummary {
  kind: string;
  applied: number;
  /** Healed but not caught up within the limit. */
  notRecovered: number;
  p50Ms?: number;
  p95Ms?: number;
  maxMs?: number;
}

/** MTTR per fault kind (heal to caught up), in the order kinds first appear. */
export function summarizeByKind(runs: readonly CampaignFaultRun[]): KindSummary[] {
  const kinds = [...new Set(runs.map((r) => r.kind))];
  return kinds.map((kind) => {
    const of = runs.filter((r) => r.kind === kind && r.injectedAtMs !== undefined);
    const mttrs = of.map((r) => r.mttrMs).filter((m): m is number => m !== undefined);
    return {
      kind,
      applied: of.length,
      notRecovered: of.filter((r) => r.healedAtMs !== undefined && r.mttrMs === undefined).length,
      p50Ms: percentile(mttrs, 50),
      p95Ms: percentile(mttrs, 95),
      maxMs: mttrs.length > 0 ? Math.max(...mttrs) : undefined,
    };
  });
}

/** Faults that were in place, or ended within `recentMs`, at `atMs`: the suspects for what happened then. */
export function faultsAround(runs: readonly CampaignFaultRun[], atMs: number, recentMs: number): CampaignFaultRun[] {
  return runs.filter((r) => r.injectedAtMs !== undefined && r.injectedAtMs <= atMs && (r.healedAtMs ?? Infinity) + recentMs >= atMs);
}
