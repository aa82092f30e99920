import { EXCHANGES, type Exchange } from '../../stack/names';
import type { PipelineSource } from './pipeline-source';

/** Per symbol: the ids a simulator emitted in a time window (sequential, so a range). */
export interface EmittedIds {
  firstId: number | null;
  lastId: number | null;
  count: number;
}

/** The simulator's ground truth for one window: ids per symbol, and each symbol's last id now. */
export interface ExchangeGroundTruth {
  fromMs: number;
  toMs: number;
  symbols: Record<string, EmittedIds>;
  /** Every symbol's last emitted id when read: an observed id above it was never emitted. */
  lastIds: Record<string, number>;
  /** Symbols the source cannot vouch for in this window, with the reason (an observer's open gap). */
  unknown?: Record<string, string>;
  /**
   * False when the source watches only some of the exchange's symbols (an observer of a live
   * feed): rows of other symbols are then not "unexpected". Default true.
   */
  coversEverySymbol?: boolean;
}

/**
 * Where the ground truth comes from when it is not a simulator's control API: the observer
 * (`src/observer`) of a live or public-only feed.
 */
export interface GroundTruthReader {
  read(exchange: Exchange, window: { fromMs: number; toMs: number }): Promise<ExchangeGroundTruth>;
  lastIds(exchange: Exchange): Promise<Record<string, number>>;
}

export type GroundTruth = Record<Exchange, ExchangeGroundTruth>;

const CONTROL_TIMEOUT_MS = 5_000;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS) });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`GET ${url} answered with non-JSON: ${text.slice(0, 200)}`);
  }
}

function checkRange(url: string, symbol: string, r: EmittedIds): EmittedIds {
  const ok = Number.isInteger(r?.count) && r.count >= 0
    && (r.count === 0 ? r.firstId === null && r.lastId === null : Number.isInteger(r.firstId) && r.lastId === r.firstId! + r.count - 1);
  if (!ok) throw new Error(`GET ${url}: symbol ${symbol} has an inconsistent range ${JSON.stringify(r)}`);
  return r;
}

/**
 * One exchange's ground truth for trades emitted in [fromMs, toMs] (wall clock, Unix ms): the
 * source's observer when it has one, else the simulator's control API (`GET <controlUrl>/emitted`,
 * `GET <controlUrl>/last-ids`).
 */
export async function readExchangeGroundTruth(source: PipelineSource, exchange: Exchange, window: { fromMs: number; toMs: number }): Promise<ExchangeGroundTruth> {
  if (!(window.toMs >= window.fromMs)) throw new Error(`ground truth window must have toMs >= fromMs, got ${window.fromMs}..${window.toMs}`);
  if (source.groundTruth) return source.groundTruth.read(exchange, window);
  const base = source.endpoints.exchanges[exchange].controlUrl.replace(/\/$/, '');
  const emittedUrl = `${base}/emitted?fromMs=${Math.floor(window.fromMs)}&toMs=${Math.ceil(window.toMs)}`;
  const [emitted, last] = await Promise.all([
    getJson<{ exchange: string; symbols: Record<string, EmittedIds> }>(emittedUrl),
    getJson<{ exchange: string; symbols: Record<string, number> }>(`${base}/last-ids`),
  ]);
  if (emitted.exchange !== exchange) throw new Error(`${emittedUrl} answered for exchange ${JSON.stringify(emitted.exchange)}, expected ${exchange}`);
  const symbols = Object.fromEntries(Object.entries(emitted.symbols ?? {}).map(([s, r]) => [s, checkRange(emittedUrl, s, r)]));
  return { fromMs: window.fromMs, toMs: window.toMs, symbols, lastIds: last.symbols ?? {} };
}

/** Every symbol's last emitted id right now (`GET <controlUrl>/last-ids`). */
export async function readLastIds(source: PipelineSource, exchange: Exchange): Promise<Record<string, number>> {
  if (source.groundTruth) return source.groundTruth.lastIds(exchange);
  const url = `${source.endpoints.exchanges[exchange].controlUrl.replace(/\/$/, '')}/last-ids`;
  const answer = await getJson<{ exchange: string; symbols: Record<string, number> }>(url);
  if (answer.exchange !== exchange) throw new Error(`${url} answered for exchange ${JSON.stringify(answer.exchange)}, expected ${exchange}`);
  return answer.symbols ?? {};
}

/** Ground truth of every exchange for one window. */
export async function readGroundTruth(source: PipelineSource, window: { fromMs: number; toMs: number }): Promise<GroundTruth> {
  const all = await Promise.all(EXCHANGES.map((e) => readExchangeGroundTruth(source, e, window)));
  return Object.fromEntries(EXCHANGES.map((e, i) => [e, all[i]!])) as GroundTruth;
}
