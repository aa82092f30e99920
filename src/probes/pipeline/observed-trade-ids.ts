import { sqlString } from '../../../stack/clickhouse/sql-text';
import type { Exchange } from '../../stack/names';
import type { PipelineSource } from './pipeline-source';

/** An inclusive id range. */
export type IdRange = [from: number, to: number];

/** What one table holds for one symbol inside the id range asked for. */
export interface ObservedSymbolIds {
  range: IdRange;
  /** Rows in the range, duplicates included. */
  rows: number;
  /** Distinct ids in the range. */
  distinct: number;
  /** Ids of the range not present, as inclusive ranges in ascending order. */
  missing: IdRange[];
  /** Ids present more than once. */
  duplicatedIds: number;
  /** Up to `sampleSize` of them with their counts, ascending. */
  duplicateSamples: Array<[id: number, count: number]>;
  /** Rows with an id above the ceiling (by default the range's end): ids the source never emitted. */
  beyond: { ceiling: number; rows: number; minId: number | null; maxId: number | null };
}

export interface ObservedIds {
  hop: 'bronze' | 'silver';
  exchange: Exchange;
  /** Silver read with FINAL (as readers see it) or as stored. */
  final: boolean;
  symbols: Record<string, ObservedSymbolIds>;
  /** Rows per symbol the request did not name. */
  otherSymbols: Record<string, number>;
}

export interface ObservedIdsRequest {
  hop: 'bronze' | 'silver';
  exchange: Exchange;
  /** Per symbol, the id range to account for. */
  ranges: Record<string, IdRange>;
  /** Per symbol, the highest id the source has emitted at all (default: the range's end). */
  ceilings?: Record<string, number>;
  /** Silver only: read with FINAL (default true; what readers see). */
  final?: boolean;
  /** Duplicated ids listed per symbol; default 20. */
  sampleSize?: number;
}

type SummaryRow = { symbol: string; rows: string; distinct_ids: string };
type DetailRow = {
  symbol: string; min_id: string; max_id: string; gap_ends: string[]; gap_sizes: string[]; duplicated: string; dup_samples: Array<[string, string]>;
};
type OutsideRow = { symbol: string; rows: string; min_id: string; max_id: string; known: number };

/**
 * The ledger read: per symbol, which ids of a range one hop holds and how often. ClickHouse
 * returns aggregates, never rows: first counts per symbol, and only for a symbol whose counts
 * show a gap or a duplicate, its gap boundaries and duplicate samples. So ~200k ids cost a few
 * small answers.
 */
export async function readObservedIds(source: PipelineSource, request: ObservedIdsRequest): Promise<ObservedIds> {
  const { hop, exchange } = request;
  const final = hop === 'silver' && (request.final ?? true);
  const sampleSize = request.sampleSize ?? 20;
  if (!Number.isInteger(sampleSize) || sampleSize < 1) throw new Error(`readObservedIds: sampleSize must be a positive integer, got ${sampleSize}`);
  const entries = Object.entries(request.ranges);
  for (const [symbol, [from, to]] of entries) {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) {
      throw new Error(`readObservedIds: range of ${symbol} must be integers with 0 <= from <= to, got [${from}, ${to}]`);
    }
  }
  const id = source.tradeIdColumn(hop);
  const table = hop === 'bronze' ? source.bronzeTable(exchange) : `${source.silverTable()}${final ? ' FINAL' : ''}`;
  const exchangeFilter = hop === 'silver' ? `exchange = ${sqlString(exchange)} AND ` : '';
  const ceiling = (s: string, to: number) => Math.max(to, request.ceilings?.[s] ?? to);
  const inRange = (list: Array<[string, IdRange]>) => list.map(([s, [from, to]]) => `(symbol = ${sqlString(s)} AND ${id} BETWEEN ${from} AND ${to})`).join(' OR ');
  const known = entries.map(([s]) => sqlString(s));
  const outsideFilter = [
    ...entries.map(([s, [, to]]) => `(symbol = ${sqlString(s)} AND ${id} > ${ceiling(s, to)})`),
    known.length ? `symbol NOT IN (${known.join(', ')})` : '1',
  ].join(' OR ');
  const [summary, outside] = await Promise.all([
    entries.length === 0
      ? Promise.resolve([] as SummaryRow[])
      : source.rows<SummaryRow>(`SELECT symbol, count() AS rows, uniqExact(${id}) AS distinct_ids FROM ${table} WHERE ${exchangeFilter}(${inRange(entries)}) GROUP BY symbol`),
    source.rows<OutsideRow>(
      `SELECT symbol, count() AS rows, min(${id}) AS min_id, max(${id}) AS max_id, ${known.length ? `symbol IN (${known.join(', ')})` : '0'} AS known
       FROM ${table} WHERE ${exchangeFilter}(${outsideFilter}) GROUP BY symbol`,
    ),
  ]);
  const counts = new Map(summary.map((r) => [r.symbol, { rows: Number(r.rows), distinct: Number(r.distinct_ids) }]));
  const irregular = entries.filter(([s, [from, to]]) => {
    const c = counts.get(s);
    return !c || c.rows !== c.distinct || c.distinct !== to - from + 1;
  });
  const details = irregular.length === 0 ? [] : await source.rows<DetailRow>(`
    SELECT symbol, min(id) AS min_id, max(id) AS max_id,
      arrayFilter((x, d) -> d > 1, arraySort(groupArray(id)), arrayDifference(arraySort(groupArray(id)))) AS gap_ends,
      arrayFilter(d -> d > 1, arrayDifference(arraySort(groupArray(id)))) AS gap_sizes,
      countIf(c > 1) AS duplicated,
      arraySort(groupArrayIf(${sampleSize})((id, c), c > 1)) AS dup_samples
    FROM (SELECT symbol, ${id} AS id, count() AS c FROM ${table} WHERE ${exchangeFilter}(${inRange(irregular)}) GROUP BY symbol, id)
    GROUP BY symbol`);
  const symbols: Record<string, ObservedSymbolIds> = {};
  for (const [symbol, range] of entries) {
    const beyond = outside.find((r) => r.symbol === symbol && Number(r.known) === 1);
    symbols[symbol] = {
      ...summarise(range, counts.get(symbol), details.find((d) => d.symbol === symbol), sampleSize),
      beyond: beyond
        ? { ceiling: ceiling(symbol, range[1]), rows: Number(beyond.rows), minId: Number(beyond.min_id), maxId: Number(beyond.max_id) }
        : { ceiling: ceiling(symbol, range[1]), rows: 0, minId: null, maxId: null },
    };
  }
  const otherSymbols = Object.fromEntries(outside.filter((r) => Number(r.known) !== 1).map((r) => [r.symbol, Number(r.rows)]));
  return { hop, exchange, final, symbols, otherSymbols };
}

function summarise(range: IdRange, counts: { rows: number; distinct: number } | undefined, detail: DetailRow | undefined, sampleSize: number): Omit<ObservedSymbolIds, 'beyond'> {
  const [from, to] = range;
  const out: Omit<ObservedSymbolIds, 'beyond'> = { range, rows: counts?.rows ?? 0, distinct: counts?.distinct ?? 0, missing: [], duplicatedIds: 0, duplicateSamples: [] };
  if (!counts || counts.distinct === 0) {
    out.missing = [[from, to]];
    return out;
  }
  if (!detail) return out;
  const minId = Number(detail.min_id);
  const maxId = Number(detail.max_id);
  out.duplicatedIds = Number(detail.duplicated);
  out.duplicateSamples = detail.dup_samples.slice(0, sampleSize).map(([i, c]) => [Number(i), Number(c)]);
  if (minId > from) out.missing.push([from, minId - 1]);
  detail.gap_ends.forEach((end, i) => {
    const e = Number(end);
    out.missing.push([e - Number(detail.gap_sizes[i]) + 1, e - 1]);
  });
  if (maxId < to) out.missing.push([maxId + 1, to]);
  return out;
}
