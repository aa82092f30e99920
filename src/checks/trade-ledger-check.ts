import type { InvariantCheck } from '../chaos/invariant-check';
import { tradeLedger } from '../invariants/pipeline/trade-ledger';
import { readLedgerObservations } from '../probes/pipeline/ledger-observations';
import type { ObservedIds } from '../probes/pipeline/observed-trade-ids';
import type { PipelineSource } from '../probes/pipeline/pipeline-source';
import { readGroundTruth, type GroundTruth } from '../probes/pipeline/simulator-emitted';
import type { InvariantResult } from '../report-model/chaos-record';
import type { Exchange } from '../stack/names';
import { readAckedTradeIds } from '../probes/feed-handler/acked-trade-ids';
import { readBrokerOffsets } from '../probes/pipeline/broker-offsets';
import { InFlightWatch, type InFlightReaders } from './in-flight-watch';
import { lateTradeWindow, type LateTradeWindow } from './late-trade-window';

export interface TradeLedgerCheckOptions {
  hop: 'bronze' | 'silver';
  /** Wall-clock start of the window (Unix ms): the steady-state start. */
  fromMs: number;
  /** Bronze is at-least-once by design: report its duplicates; silver must hold each trade once. */
  duplicates: 'fail' | 'report';
  /** Trades emitted in the last moments are still in flight; they are left out of the window. */
  inFlightMarginMs?: number;
  /**
   * Until when lost trades may still arrive (buffers draining) before they count as lost; a
   * test's ledger checks share one window. A window of its own (60 s) when not given.
   */
  lateTrades?: LateTradeWindow;
  /**
   * What proves that nothing of the window is still on its way (`nothing-in-flight.ts`), so that
   * a loss need not wait out the window: the feed handlers' metrics and the broker by default.
   */
  inFlight?: InFlightReaders;
  pollIntervalMs?: number;
}

const DEFAULT_IN_FLIGHT_MARGIN_MS = 2_000;
const DEFAULT_POLL_INTERVAL_MS = 1_000;

/**
 * The trade ledger at one hop: every id the simulators emitted from the steady-state start to
 * now is present exactly once. Reads repeat until the ledger holds, or the late-trade window
 * closes, or the pipeline proves that nothing of the window is still on its way (a feed handler
 * drains its buffer after the fault): only what is still missing then is lost.
 */
export function tradeLedgerCheck(source: PipelineSource, options: TradeLedgerCheckOptions): InvariantCheck {
  const name = `trade ledger (${options.hop})`;
  return {
    name,
    async check(): Promise<InvariantResult> {
      const toMs = Date.now() - (options.inFlightMarginMs ?? DEFAULT_IN_FLIGHT_MARGIN_MS);
      const truth = await readGroundTruth(source, { fromMs: options.fromMs, toMs });
      const window = options.lateTrades ?? lateTradeWindow();
      const settleUntil = window.until();
      const inFlight = new InFlightWatch(truth, options.inFlight ?? sourceReaders(source));
      const startedMs = Date.now();
      for (;;) {
        // Settled before this read: whatever it still misses can no longer arrive.
        const final = inFlight.settled;
        const observed = await readLedgerObservations(source, options.hop, truth);
        // Trades emitted after the ground truth was read are not "unexpected": re-read the ceilings.
        const later = await readGroundTruth(source, { fromMs: options.fromMs, toMs });
        const result = tradeLedger({ hop: options.hop, expected: truth, observed: withinCeilings(observed, later), duplicates: options.duplicates });
        const stillArriving = result.status === 'invalid' && (result.counts?.lost ?? 0) > 0 && (result.counts?.unexpected ?? 0) === 0;
        if (!stillArriving) return result;
        if (final) return noted(result, `nothing was left in flight after ${seconds(Date.now() - startedMs)}: the loss is final`);
        if (Date.now() >= settleUntil) return noted(result, `waited ${seconds(Date.now() - startedMs)} for late trades (still waiting for ${inFlight.waitingFor})`);
        await inFlight.step();
        await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS));
      }
    },
  };
}

function sourceReaders(source: PipelineSource): InFlightReaders {
  return { ackedIds: () => readAckedTradeIds(source.endpoints.feedHandlers), offsets: () => readBrokerOffsets(source) };
}

const seconds = (ms: number): string => `${(ms / 1_000).toFixed(1)} s`;

function noted(result: InvariantResult, note: string): InvariantResult {
  return { ...result, summary: `${result.summary}; ${note}` };
}

/** Drops "beyond the ceiling" rows whose ids the simulator had emitted by the second read. */
function withinCeilings(observed: Partial<Record<Exchange, ObservedIds>>, later: GroundTruth): Partial<Record<Exchange, ObservedIds>> {
  const out: Partial<Record<Exchange, ObservedIds>> = {};
  for (const [exchange, obs] of Object.entries(observed) as Array<[Exchange, ObservedIds]>) {
    const symbols = Object.fromEntries(
      Object.entries(obs.symbols).map(([symbol, s]) => {
        const lastId = later[exchange].lastIds[symbol];
        const emitted = s.beyond.maxId !== null && lastId !== undefined && s.beyond.maxId <= lastId;
        return [symbol, emitted ? { ...s, beyond: { ...s.beyond, rows: 0, minId: null, maxId: null } } : s];
      }),
    );
    out[exchange] = { ...obs, symbols };
  }
  return out;
}
