import type { ProgressProbe } from '../../chaos/progress-probe';
import { EXCHANGES, type Exchange } from '../../stack/names';
import type { PipelineSource } from './pipeline-source';

/** One exchange's silver reading: distinct trades and how far behind the exchange it is. */
export interface SilverExchangeProgress {
  /**
   * Distinct trades (symbol, trade id). Not physical rows: silver is a ReplacingMergeTree, so a
   * background merge of re-read duplicates lowers count() at any moment, which would read as a
   * stall or a rate drop that the pipeline never had.
   */
  trades: number;
  /** Latest exchange trade time in silver, Unix ms; null when silver has none for the exchange. */
  maxTradeTimeMs: number | null;
  /** Wall-clock now minus maxTradeTimeMs (ingest lag); null when there is no trade. */
  lagMs: number | null;
}

export type SilverProgress = Record<Exchange, SilverExchangeProgress>;

/** Silver trades and ingest lag per exchange, in one query. */
export async function readSilverProgress(source: PipelineSource, now: () => number = Date.now): Promise<SilverProgress> {
  // Trade ids are unique per (exchange, symbol), so distinct ids per symbol add up to distinct trades.
  const rows = await source.rows<{ exchange: string; trades: string; max_ms: string }>(
    `SELECT exchange, uniqExact(trade_id) AS trades, max(timestamp_ms) AS max_ms FROM ${source.silverTable()} GROUP BY exchange, symbol`,
  );
  const at = now();
  const progress = {} as SilverProgress;
  for (const e of EXCHANGES) {
    const symbols = rows.filter((r) => r.exchange === e);
    const maxMs = symbols.length ? Math.max(...symbols.map((r) => Number(r.max_ms))) : null;
    const trades = symbols.reduce((sum, r) => sum + Number(r.trades), 0);
    progress[e] = { trades, maxTradeTimeMs: maxMs, lagMs: maxMs === null ? null : at - maxMs };
  }
  return progress;
}

export interface SilverProgressOptions {
  /** Exchanges that must all advance for a reading to count as progress; default all three. */
  exchanges?: readonly Exchange[];
  /** A reading is healthy only while every watched exchange's ingest lag is at most this. */
  maxLagMs?: number;
  now?: () => number;
}

/**
 * The recovery clock's probe: silver trades per exchange. Progress means every watched exchange has
 * more distinct trades than at the mark; a failed read is unhealthy, never "no data".
 */
export function silverProgressProbe(source: PipelineSource, options: SilverProgressOptions = {}): ProgressProbe<SilverProgress> {
  const watched = options.exchanges ?? EXCHANGES;
  if (watched.length === 0) throw new Error('silverProgressProbe: exchanges must name at least one exchange');
  const maxLagMs = options.maxLagMs;
  if (maxLagMs !== undefined && !(maxLagMs > 0)) throw new Error(`silverProgressProbe: maxLagMs must be a positive number, got ${maxLagMs}`);
  return {
    name: `silver advancing (${watched.join(', ')})`,
    read: () => readSilverProgress(source, options.now),
    progressed: (mark, now) => watched.every((e) => now[e].trades > mark[e].trades),
    describe: (value) =>
      watched.map((e) => `${e}=${value[e].trades}${value[e].lagMs === null ? '' : ` lag ${Math.round(value[e].lagMs!)}ms`}`).join(' '),
    healthy: maxLagMs === undefined ? undefined : (value) => watched.every((e) => value[e].lagMs !== null && value[e].lagMs! <= maxLagMs),
  };
}
