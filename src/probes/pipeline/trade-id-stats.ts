import { EXCHANGES, type Exchange } from '../../stack/names';
import type { PipelineSource } from './pipeline-source';

/** Rows and highest trade id of one table, in total and per symbol. */
export interface TableTradeIds {
  rows: number;
  /** Highest trade id of any symbol (ids are per symbol; per-symbol maxima are in `symbols`). 0 when empty. */
  maxTradeId: number;
  symbols: Record<string, { rows: number; maxTradeId: number }>;
}

export type TradeIdStats = Record<Exchange, { bronze: TableTradeIds; silver: TableTradeIds }>;

type Row = { exchange?: string; symbol: string; rows: string; max_id: string };

function collect(rows: Row[]): TableTradeIds {
  const out: TableTradeIds = { rows: 0, maxTradeId: 0, symbols: {} };
  for (const r of rows) {
    const entry = { rows: Number(r.rows), maxTradeId: Number(r.max_id) };
    out.symbols[r.symbol] = entry;
    out.rows += entry.rows;
    out.maxTradeId = Math.max(out.maxTradeId, entry.maxTradeId);
  }
  return out;
}

/**
 * Per exchange: rows and max trade id in bronze and in silver (physical rows: a redelivered trade
 * counts until silver merges it away; the ledger read is the exact view).
 */
export async function readTradeIdStats(source: PipelineSource): Promise<TradeIdStats> {
  const ids = { bronze: source.tradeIdColumn('bronze'), silver: source.tradeIdColumn('silver') };
  const bronze = await Promise.all(
    EXCHANGES.map((e) => source.rows<Row>(`SELECT symbol, count() AS rows, max(${ids.bronze}) AS max_id FROM ${source.bronzeTable(e)} GROUP BY symbol`)),
  );
  const silver = await source.rows<Row>(
    `SELECT exchange, symbol, count() AS rows, max(${ids.silver}) AS max_id FROM ${source.silverTable()} GROUP BY exchange, symbol`,
  );
  return Object.fromEntries(
    EXCHANGES.map((e, i) => [e, { bronze: collect(bronze[i]!), silver: collect(silver.filter((r) => r.exchange === e)) }]),
  ) as TradeIdStats;
}
