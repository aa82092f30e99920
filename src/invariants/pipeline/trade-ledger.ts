import type { InvariantResult } from '../../report-model/chaos-record';
import type { IdRange, ObservedIds } from '../../probes/pipeline/observed-trade-ids';
import type { ExchangeGroundTruth } from '../../probes/pipeline/simulator-emitted';
import type { Exchange } from '../../stack/names';

export interface TradeLedgerInput {
  hop: 'bronze' | 'silver';
  /** What each simulator emitted in the window; every exchange named here is checked. */
  expected: Partial<Record<Exchange, ExchangeGroundTruth>>;
  /** What the hop holds for those ranges (`readLedgerObservations`). */
  observed: Partial<Record<Exchange, ObservedIds>>;
  /**
   * `report`: ids present more than once are counted and sampled but do not fail the ledger (a
   * hop that is at-least-once by design, like bronze). Default `fail`.
   */
  duplicates?: 'fail' | 'report';
  /** Offending ranges or ids kept per symbol; default 10. */
  sampleSize?: number;
}

type Counts = { expected: number; present: number; lost: number; duplicated: number; duplicateRows: number; unexpected: number };

function rangeSize([from, to]: IdRange): number {
  return to - from + 1;
}

/**
 * Every trade id the simulators emitted in the window is present exactly once at one hop. Lost:
 * emitted, absent. Duplicated: present more than once. Unexpected: ids above anything the
 * simulator emitted, or symbols it does not trade. An observation that is missing or was read
 * for other ranges than the ones emitted makes the result unknown, unless a violation is proven.
 */
export function tradeLedger(input: TradeLedgerInput): InvariantResult {
  const name = `trade ledger (${input.hop})`;
  const sampleSize = input.sampleSize ?? 10;
  const duplicatesFail = (input.duplicates ?? 'fail') === 'fail';
  const counts: Counts = { expected: 0, present: 0, lost: 0, duplicated: 0, duplicateRows: 0, unexpected: 0 };
  const lost: Record<string, IdRange[]> = {};
  const duplicated: Record<string, Array<[number, number]>> = {};
  const unexpected: Record<string, unknown> = {};
  const unknown: string[] = [];
  const exchanges = Object.keys(input.expected) as Exchange[];
  if (exchanges.length === 0) return { name, status: 'unknown', summary: 'no exchange to check: the ground truth is empty' };

  for (const exchange of exchanges) {
    const truth = input.expected[exchange]!;
    const seen = input.observed[exchange];
    if (!seen) {
      unknown.push(`${exchange}: not observed`);
      continue;
    }
    for (const [symbol, reason] of Object.entries(truth.unknown ?? {})) unknown.push(`${exchange}/${symbol}: ground truth unknown: ${reason}`);
    for (const [symbol, emitted] of Object.entries(truth.symbols)) {
      if (emitted.count === 0) continue;
      const key = `${exchange}/${symbol}`;
      const obs = seen.symbols[symbol];
      const range: IdRange = [emitted.firstId!, emitted.lastId!];
      if (!obs || obs.range[0] !== range[0] || obs.range[1] !== range[1]) {
        unknown.push(`${key}: observed ${obs ? `[${obs.range.join(', ')}]` : 'nothing'} for emitted [${range.join(', ')}]`);
        continue;
      }
      const lostHere = obs.missing.reduce((n, r) => n + rangeSize(r), 0);
      counts.expected += emitted.count;
      counts.present += obs.distinct;
      counts.lost += lostHere;
      counts.duplicated += obs.duplicatedIds;
      counts.duplicateRows += obs.rows - obs.distinct;
      if (lostHere > 0) lost[key] = obs.missing.slice(0, sampleSize);
      if (obs.duplicatedIds > 0) duplicated[key] = obs.duplicateSamples.slice(0, sampleSize);
      if (obs.beyond.rows > 0) {
        counts.unexpected += obs.beyond.rows;
        unexpected[key] = { aboveLastEmittedId: obs.beyond.ceiling, rows: obs.beyond.rows, ids: [obs.beyond.minId, obs.beyond.maxId] };
      }
    }
    const traded = new Set([...Object.keys(truth.symbols), ...Object.keys(truth.lastIds), ...Object.keys(truth.unknown ?? {})]);
    for (const [symbol, rows] of Object.entries(seen.otherSymbols)) {
      if (traded.has(symbol) || truth.coversEverySymbol === false) continue;
      counts.unexpected += rows;
      unexpected[`${exchange}/${symbol}`] = { unknownSymbol: true, rows };
    }
  }

  const dupNote = counts.duplicated > 0 ? ` (${counts.duplicateRows} extra rows${duplicatesFail ? '' : ', reported: at-least-once'})` : '';
  const summary = `${input.hop}: ${counts.lost} lost, ${counts.duplicated} duplicated${dupNote}, ${counts.unexpected} unexpected of ${counts.expected} emitted trades`;
  const samples: Record<string, unknown> = {};
  if (Object.keys(lost).length) samples.lost = lost;
  if (Object.keys(duplicated).length) samples.duplicated = duplicated;
  if (Object.keys(unexpected).length) samples.unexpected = unexpected;
  if (unknown.length) samples.unknown = unknown.slice(0, sampleSize);
  const violated = counts.lost > 0 || counts.unexpected > 0 || (duplicatesFail && counts.duplicated > 0);
  if (violated) return { name, status: 'invalid', summary, counts, samples };
  if (counts.expected === 0 && unknown.length === 0) return { name, status: 'unknown', summary: `${summary}: an empty window proves nothing`, counts };
  if (unknown.length) return { name, status: 'unknown', summary: `${summary}; cannot tell for ${unknown.length} symbol(s): ${unknown[0]}`, counts, samples };
  return { name, status: 'valid', summary, counts, ...(Object.keys(samples).length ? { samples } : {}) };
}
