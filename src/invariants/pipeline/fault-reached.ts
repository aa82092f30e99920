import type { InvariantResult } from '../../report-model/chaos-record';
import { worstLag, type LagBoundedInput } from './lag-bounded';

/**
 * Whether a fault reached the code it targets, judged from what the pipeline shows afterwards.
 * A fault that did not reach it proves nothing, so the answer is valid or unknown, never a pass
 * by default: "unknown" names what was not exercised.
 */

/** A lost acknowledgement must make the broker store some trades twice, so silver's dedupe is tested. */
export function redeliveryObserved(bronzeLedger: InvariantResult): InvariantResult {
  const name = 'the fault forced redelivery into bronze';
  const duplicated = bronzeLedger.counts?.duplicated ?? 0;
  const extraRows = bronzeLedger.counts?.duplicateRows ?? 0;
  const counts = { duplicatedIds: duplicated, extraRows };
  if (duplicated > 0) return { name, status: 'valid', counts, summary: `${duplicated} trade ids reached bronze more than once (${extraRows} extra rows): silver's deduplication was exercised` };
  return { name, status: 'unknown', counts, summary: 'no trade reached bronze twice, so the fault never exercised silver\'s deduplication' };
}

/** A long broker outage must fill the handlers' memory bound, so their spill to disk is tested. */
export function spillObserved(spilledByExchange: Readonly<Record<string, number>>): InvariantResult {
  const name = 'feed handlers spilled to disk during the outage';
  const total = Object.values(spilledByExchange).reduce((n, v) => n + v, 0);
  const counts = { spilled: total, ...Object.fromEntries(Object.entries(spilledByExchange).map(([e, n]) => [`spilled_${e}`, n])) };
  const detail = Object.entries(spilledByExchange).map(([e, n]) => `${e} ${n}`).join(', ');
  if (total > 0) return { name, status: 'valid', counts, summary: `${total} messages went to disk and drained (${detail})` };
  return { name, status: 'unknown', counts, summary: `no feed handler spilled to disk (${detail || 'no handler read'}), so the outage never reached the spill path` };
}

/**
 * A broker that refuses writes must make every feed handler's produce fail, so their keep-and-
 * retry path is tested; a handler whose produce never failed rode the fault out in a retry.
 */
export function produceRefusedObserved(errorsByExchange: Readonly<Record<string, number>>, exchanges: readonly string[]): InvariantResult {
  const name = 'every feed handler had produce requests refused';
  const counts = Object.fromEntries(Object.entries(errorsByExchange).map(([e, n]) => [`produceErrors_${e}`, n]));
  const detail = exchanges.map((e) => `${e} ${errorsByExchange[e] ?? 'no answer'}`).join(', ');
  const silent = exchanges.filter((e) => errorsByExchange[e] === undefined);
  if (silent.length) return { name, status: 'unknown', counts, summary: `${silent.join(', ')} did not answer their metrics (${detail})` };
  const untouched = exchanges.filter((e) => errorsByExchange[e]! === 0);
  if (untouched.length) return { name, status: 'unknown', counts, summary: `no produce failed on ${untouched.join(', ')} (${detail}): the fault never reached their retry path` };
  return { name, status: 'valid', counts, summary: `failed produce attempts, each retried: ${detail}` };
}

export interface CounterObservation {
  /** The invariant's name. */
  name: string;
  exchange: string;
  /** How far the counter moved during the test, by exchange. */
  counts: Readonly<Record<string, number>>;
  /** What the counter counts ("trades recovered through REST"). */
  what: string;
  /** Why it matters when it did not move. */
  missing: string;
}

/** A feed handler counter of `exchange` moved during the test, so the fault reached that code. */
export function counterObserved(o: CounterObservation): InvariantResult {
  const n = o.counts[o.exchange];
  if (n === undefined) return { name: o.name, status: 'unknown', summary: `${o.exchange}'s feed handler did not answer its metrics` };
  if (n > 0) return { name: o.name, status: 'valid', counts: { [o.exchange]: n }, summary: `${n} ${o.what} on ${o.exchange}` };
  return { name: o.name, status: 'unknown', counts: { [o.exchange]: 0 }, summary: `0 ${o.what} on ${o.exchange}: ${o.missing}` };
}

export interface IngestHeldUpInput {
  lagSeries: LagBoundedInput['lagSeries'];
  window: LagBoundedInput['window'];
  /** The lag some exchange must reach for the fault to count as felt. */
  minLagMs: number;
}

/**
 * A network fault on the broker must hold ingest up: some exchange's lag reached `minLagMs`
 * while it was in place. Otherwise the clients rode it out below their timeouts (TCP
 * retransmitted), and their reconnect paths were never run.
 */
export function ingestHeldUp(input: IngestHeldUpInput): InvariantResult {
  const name = `the fault held ingest up by ${input.minLagMs} ms or more`;
  const { worst, samples } = worstLag(input.lagSeries, input.window);
  if (samples === 0) return { name, status: 'unknown', summary: 'no lag was sampled while the fault was in place' };
  const max = Math.max(0, ...Object.values(worst));
  const detail = Object.entries(worst).map(([e, lag]) => `${e} ${Math.round(lag)} ms`).join(', ');
  const counts = { maxLagMs: Math.round(max) };
  if (max >= input.minLagMs) return { name, status: 'valid', counts, summary: `worst lag while the fault was in place: ${detail}` };
  return { name, status: 'unknown', counts, summary: `worst lag only ${detail}: the clients rode the fault out, so it never reached their reconnects` };
}
