import type { InvariantCheck } from '../chaos/invariant-check';
import { crossExchangeIsolation } from '../invariants/pipeline/cross-exchange-isolation';
import { sampleSpan } from '../invariants/pipeline/count-series';
import type { PipelineSource } from '../probes/pipeline/pipeline-source';
import { readExchangeGroundTruth } from '../probes/pipeline/simulator-emitted';
import type { Exchange } from '../stack/names';
import { faultWindow, seriesNamed, type EvidenceSource } from './experiment-evidence';

/** ±50 %: a 2-core machine under a restart storm is noisy; a dead feed is -100 %. */
const DEFAULT_BAND = 0.5;

/**
 * Cross-exchange isolation from the experiment's timeline: while the fault is in place, the named
 * exchanges' silver ingest keeps pace with what their sources emitted over the same span (the
 * simulator's control API, or the observer of a live feed), within a band.
 */
export function isolationCheck(run: EvidenceSource, source: PipelineSource, exchanges: readonly Exchange[], name = 'other exchanges unaffected', band = DEFAULT_BAND): InvariantCheck {
  return {
    name,
    check: async () => {
      const evidence = run.evidence();
      const nowMs = Math.max(0, ...evidence.timeline.flatMap((s) => s.points.map(([t]) => t)));
      const fault = faultWindow(evidence, nowMs, 'firstProgress');
      if (!fault) throw new Error('isolationCheck: no fault was injected');
      const startedAtMs = Date.parse(evidence.startedAt);
      const series = Object.fromEntries(exchanges.map((e) => [e, seriesNamed(evidence, `silver trades ${e}`)]));
      const emittedPerS: Partial<Record<Exchange, number>> = {};
      await Promise.all(exchanges.map(async (e) => {
        const span = sampleSpan(series[e]!, fault);
        if (!span) return;
        // An observer of a live feed watches the manifest's `exchangeSymbols`: the symbols the handlers subscribe to.
        const truth = await readExchangeGroundTruth(source, e, { fromMs: startedAtMs + span.fromMs, toMs: startedAtMs + span.toMs });
        const emitted = Object.values(truth.symbols).reduce((n, ids) => n + ids.count, 0);
        emittedPerS[e] = (emitted * 1000) / (span.toMs - span.fromMs);
      }));
      return { ...crossExchangeIsolation({ exchanges, series, fault, emittedPerS, band }), name };
    },
  };
}
