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

type Row = {
  symbol: string; rows: string; distinct_ids: string; min_id: string; max_id: string;
  gap_ends: string[]; gap_sizes: string[]; duplicated: string; dup_samples: Array<[string, string]>;
};
type AboveRow = { symbol: string; rows: string; min_id: string; max_id: string };

/**
 * The ledger read: per symbol, which ids of a range one hop holds and how often. ClickHouse
 * groups by id and returns aggregates and gap boundaries, not rows, so ~200k ids cost one small
 * answer.
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
  const symbols: Record<string, ObservedSymbolIds> = {};
  if (entries.length > 0) {
    const inRange = entries.map(([s, [from, to]]) => `(symbol = ${sqlString(s)} AND ${id} BETWEEN ${from} AND ${to})`).join(' OR ');
    const ceiling = (s: string, to: number) => Math.max(to, request.ceilings?.[s] ?? to);
    const above = entries.map(([s, [, to]]) => `(symbol = ${sqlString(s)} AND ${id} > ${ceiling(s, to)})`).join(' OR ');
    const [rows, aboveRows] = await Promise.all([
      source.rows<Row>(`
        SELECT symbol, sum(c) AS rows, count() AS distinct_ids, min(id) AS min_id, max(id) AS max_id,
          arrayFilter((x, d) -> d > 1, arraySort(groupArray(id)), arrayDifference(arraySort(groupArray(id)))) AS gap_ends,
          arrayFilter(d -> d > 1, arrayDifference(arraySort(groupArray(id)))) AS gap_sizes,
          countIf(c > 1) AS duplicated,
          arraySort(groupArrayIf(${sampleSize})((id, c), c > 1)) AS dup_samples
        FROM (SELECT symbol, ${id} AS id, count() AS c FROM ${table} WHERE ${exchangeFilter}(${inRange}) GROUP BY symbol, id)
        GROUP BY symbol`),
      source.rows<AboveRow>(
        `SELECT symbol, count() AS rows, min(${id}) AS min_id, max(${id}) AS max_id FROM ${table} WHERE ${exchangeFilter}(${above}) GROUP BY symbol`,
      ),
    ]);
    for (const [symbol, range] of entries) symbols[symbol] = summarise(range, ceiling(symbol, range[1]), rows.find((r) => r.symbol === symbol), aboveRows.find((r) => r.symbol === symbol), sampleSize);
  }
  const known = entries.map(([s]) => sqlString(s)).join(', ');
  const others = await source.rows<{ symbol: string; rows: string }>(
    `SELECT symbol, count() AS rows FROM ${table} WHERE ${exchangeFilter}${entries.length > 0 ? `symbol NOT IN (${known})` : '1'} GROUP BY symbol`,
  );
  return { hop, exchange, final, symbols, otherSymbols: Object.fromEntries(others.map((o) => [o.symbol, Number(o.rows)])) };
}

function summarise(range: IdRange, ceiling: number, inRange: Row | undefined, above: AboveRow | undefined, sampleSize: number): ObservedSymbolIds {
  const [from, to] = range;
  const out: ObservedSymbolIds = {
    range, rows: 0, distinct: 0, missing: [], duplicatedIds: 0, duplicateSamples: [],
    beyond: above ? { ceiling, rows: Number(above.rows), minId: Number(above.min_id), maxId: Number(above.max_id) } : { ceiling, rows: 0, minId: null, maxId: null },
  };
  if (!inRange) {
    out.missing = [[from, to]];
    return out;
  }
  const minId = Number(inRange.min_id);
  const maxId = Number(inRange.max_id);
  out.rows = Number(inRange.rows);
  out.distinct = Number(inRange.distinct_ids);
  out.duplicatedIds = Number(inRange.duplicated);
  out.duplicateSamples = inRange.dup_samples.slice(0, sampleSize).map(([id, c]) => [Number(id), Number(c)]);
  if (minId > from) out.missing.push([from, minId - 1]);
  inRange.gap_ends.forEach((end, i) => {
    const e = Number(end);
    out.missing.push([e - Number(inRange.gap_sizes[i]) + 1, e - 1]);
  });
  if (maxId < to) out.missing.push([maxId + 1, to]);
  return out;
}
