import type { ProgressProbe } from '../../chaos/progress-probe';
import { EXCHANGES, type Exchange } from '../../stack/names';
import type { PipelineSource } from './pipeline-source';

/** One exchange's silver reading: physical rows and how far behind the exchange it is. */
export interface SilverExchangeProgress {
  rows: number;
  /** Latest exchange trade time in silver, Unix ms; null when silver has none for the exchange. */
  maxTradeTimeMs: number | null;
  /** Wall-clock now minus maxTradeTimeMs (ingest lag); null when there is no trade. */
  lagMs: number | null;
}

export type SilverProgress = Record<Exchange, SilverExchangeProgress>;

/** Silver rows and ingest lag per exchange, in one query. */
export async function readSilverProgress(source: PipelineSource, now: () => number = Date.now): Promise<SilverProgress> {
  const rows = await source.rows<{ exchange: string; rows: string; max_ms: string }>(
    `SELECT exchange, count() AS rows, max(timestamp_ms) AS max_ms FROM ${source.silverTable()} GROUP BY exchange`,
  );
  const at = now();
  const progress = {} as SilverProgress;
  for (const e of EXCHANGES) {
    const row = rows.find((r) => r.exchange === e);
    const maxMs = row ? Number(row.max_ms) : null;
    progress[e] = { rows: row ? Number(row.rows) : 0, maxTradeTimeMs: maxMs, lagMs: maxMs === null ? null : at - maxMs };
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
 * The recovery clock's probe: silver rows per exchange. Progress means every watched exchange has
 * more rows than at the mark; a failed read is unhealthy, never "no data".
 */
export function silverProgressProbe(source: PipelineSource, options: SilverProgressOptions = {}): ProgressProbe<SilverProgress> {
  const watched = options.exchanges ?? EXCHANGES;
  if (watched.length === 0) throw new Error('silverProgressProbe: exchanges must name at least one exchange');
  const maxLagMs = options.maxLagMs;
  if (maxLagMs !== undefined && !(maxLagMs > 0)) throw new Error(`silverProgressProbe: maxLagMs must be a positive number, got ${maxLagMs}`);
  return {
    name: `silver advancing (${watched.join(', ')})`,
    read: () => readSilverProgress(source, options.now),
    progressed: (mark, now) => watched.every((e) => now[e].rows > mark[e].rows),
    describe: (value) =>
      watched.map((e) => `${e}=${value[e].rows}${value[e].lagMs === null ? '' : ` lag ${Math.round(value[e].lagMs!)}ms`}`).join(' '),
    healthy: maxLagMs === undefined ? undefined : (value) => watched.every((e) => value[e].lagMs !== null && value[e].lagMs! <= maxLagMs),
  };
}
