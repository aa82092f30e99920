import { readEmissionTimes } from '../probes/pipeline/emission-times';
import type { InvariantResult } from '../report-model/chaos-record';
import type { Exchange } from '../stack/names';
import type { StackEndpoints } from '../targets/endpoints';
import { lossSuspects, type LossSuspect } from './loss-suspects';
import type { CampaignFaultRun } from './run-campaign';

/**
 * The ledgers' lost ranges (`samples.lost`), each symbol's first lost trade timed by its
 * simulator, and the faults around it. A simulator that cannot say leaves the time out.
 */
export async function readLossSuspects(endpoints: StackEndpoints, invariants: readonly InvariantResult[], runs: readonly CampaignFaultRun[], startEpochMs: number): Promise<LossSuspect[]> {
  const lost: Record<string, Array<[number, number]>> = {};
  for (const i of invariants) Object.assign(lost, (i.samples?.lost ?? {}) as Record<string, Array<[number, number]>>);
  const times: Record<string, number | undefined> = {};
  for (const [key, ranges] of Object.entries(lost)) {
    const slash = key.indexOf('/');
    const exchange = key.slice(0, slash) as Exchange;
    const symbol = key.slice(slash + 1);
    const first = ranges[0]![0];
    const emitted = await readEmissionTimes(endpoints, exchange, symbol, [first]).catch(() => ({}) as Record<number, number | null>);
    times[key] = emitted[first] ?? undefined;
  }
  return lossSuspects(lost, times, runs, startEpochMs);
}
