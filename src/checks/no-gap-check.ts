import type { InvariantCheck } from '../chaos/invariant-check';
import { noIngestionGap } from '../invariants/pipeline/no-ingestion-gap';
import { EXCHANGES } from '../stack/names';
import { faultWindow, seriesNamed, type EvidenceSource } from './experiment-evidence';

/**
 * No exchange stalls in silver for longer than `thresholdMs` outside the fault window (inject to
 * first progress), from the experiment's timeline.
 */
export function noGapCheck(run: EvidenceSource, thresholdMs: number): InvariantCheck {
  return {
    name: 'no ingestion gap outside the fault',
    check: async () => {
      const evidence = run.evidence();
      const nowMs = Math.max(0, ...evidence.timeline.flatMap((s) => s.points.map(([t]) => t)));
      const fault = faultWindow(evidence, nowMs);
      if (!fault) throw new Error('noGapCheck: no fault was injected');
      const series = Object.fromEntries(EXCHANGES.map((e) => [e, seriesNamed(evidence, `silver trades ${e}`)]));
      return noIngestionGap({ series, observed: { fromMs: 0, toMs: nowMs }, fault, thresholdMs });
    },
  };
}
