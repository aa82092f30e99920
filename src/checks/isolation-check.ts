import type { InvariantCheck } from '../chaos/invariant-check';
import { crossExchangeIsolation } from '../invariants/pipeline/cross-exchange-isolation';
import type { Exchange } from '../stack/names';
import { faultWindow, seriesNamed, type EvidenceSource } from './experiment-evidence';

/** ±50 %: a 2-core machine under a restart storm is noisy; a dead feed is -100 %. */
const DEFAULT_BAND = 0.5;

/**
 * Cross-exchange isolation from the experiment's timeline: the named exchanges' silver ingest
 * rate while the fault is in place stays within a band of their rate before it.
 */
export function isolationCheck(run: EvidenceSource, exchanges: readonly Exchange[], name = 'other exchanges unaffected', band = DEFAULT_BAND): InvariantCheck {
  return {
    name,
    check: async () => {
      const evidence = run.evidence();
      const nowMs = Math.max(0, ...evidence.timeline.flatMap((s) => s.points.map(([t]) => t)));
      const fault = faultWindow(evidence, nowMs, 'firstProgress');
      if (!fault) throw new Error('isolationCheck: no fault was injected');
      const series = Object.fromEntries(exchanges.map((e) => [e, seriesNamed(evidence, `silver trades ${e}`)]));
      return { ...crossExchangeIsolation({ exchanges, series, baseline: { fromMs: 0, toMs: fault.fromMs }, fault, band }), name };
    },
  };
}
