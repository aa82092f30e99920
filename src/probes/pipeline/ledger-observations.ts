import type { Exchange } from '../../stack/names';
import { readObservedIds, type IdRange, type ObservedIds } from './observed-trade-ids';
import type { PipelineSource } from './pipeline-source';
import { readLastIds, type ExchangeGroundTruth } from './simulator-emitted';

/**
 * Reads, for every exchange of `truth`, the ids one hop holds for exactly the ranges the
 * simulator emitted in the window (symbols that emitted nothing are not asked for). The result is
 * what `tradeLedger` checks.
 *
 * Ids above a range are legitimate while the stack keeps running, as long as the simulator has
 * emitted them; so its last ids are read after ClickHouse, and only a symbol holding an id above
 * them is read again to count its unexpected rows. That count may include trades emitted in
 * between, but it is only taken once an id the simulator never emitted was seen: no false alarm.
 */
export async function readLedgerObservations(
  source: PipelineSource,
  hop: 'bronze' | 'silver',
  truth: Partial<Record<Exchange, ExchangeGroundTruth>>,
  options: { final?: boolean; sampleSize?: number } = {},
): Promise<Partial<Record<Exchange, ObservedIds>>> {
  const entries = Object.entries(truth) as Array<[Exchange, ExchangeGroundTruth]>;
  const observed = await Promise.all(
    entries.map(async ([exchange, t]) => {
      const ranges: Record<string, IdRange> = {};
      for (const [symbol, r] of Object.entries(t.symbols)) if (r.count > 0) ranges[symbol] = [r.firstId!, r.lastId!];
      const first = await readObservedIds(source, { hop, exchange, ranges, ...options });
      const lastIds = await readLastIds(source, exchange);
      const ceiling = (symbol: string) => Math.max(lastIds[symbol] ?? 0, ranges[symbol]![1]);
      const suspicious = Object.keys(ranges).filter((s) => (first.symbols[s]!.beyond.maxId ?? 0) > ceiling(s));
      for (const s of Object.keys(ranges)) {
        if (!suspicious.includes(s)) first.symbols[s]!.beyond = { ceiling: ceiling(s), rows: 0, minId: null, maxId: null };
      }
      if (suspicious.length > 0) {
        const again = await readObservedIds(source, {
          hop, exchange, ...options,
          ranges: Object.fromEntries(suspicious.map((s) => [s, ranges[s]!])),
          ceilings: Object.fromEntries(suspicious.map((s) => [s, ceiling(s)])),
        });
        for (const s of suspicious) first.symbols[s]!.beyond = again.symbols[s]!.beyond;
      }
      return first;
    }),
  );
  return Object.fromEntries(entries.map(([exchange], i) => [exchange, observed[i]!]));
}
