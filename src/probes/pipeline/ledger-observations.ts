import type { Exchange } from '../../stack/names';
import { readObservedIds, type IdRange, type ObservedIds } from './observed-trade-ids';
import type { PipelineSource } from './pipeline-source';
import type { ExchangeGroundTruth } from './simulator-emitted';

/**
 * Reads, for every exchange of `truth`, the ids one hop holds for exactly the ranges the
 * simulator emitted in the window (symbols that emitted nothing are not asked for), with the
 * simulator's last ids as ceilings. The result is what `tradeLedger` checks.
 */
export async function readLedgerObservations(
  source: PipelineSource,
  hop: 'bronze' | 'silver',
  truth: Partial<Record<Exchange, ExchangeGroundTruth>>,
  options: { final?: boolean; sampleSize?: number } = {},
): Promise<Partial<Record<Exchange, ObservedIds>>> {
  const entries = Object.entries(truth) as Array<[Exchange, ExchangeGroundTruth]>;
  const observed = await Promise.all(
    entries.map(([exchange, t]) => {
      const ranges: Record<string, IdRange> = {};
      for (const [symbol, r] of Object.entries(t.symbols)) if (r.count > 0) ranges[symbol] = [r.firstId!, r.lastId!];
      return readObservedIds(source, { hop, exchange, ranges, ceilings: t.lastIds, ...options });
    }),
  );
  return Object.fromEntries(entries.map(([exchange], i) => [exchange, observed[i]!]));
}
