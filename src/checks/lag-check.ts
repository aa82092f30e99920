import type { InvariantCheck } from '../chaos/invariant-check';
import { lagBounded } from '../invariants/pipeline/lag-bounded';
import type { Exchange } from '../stack/names';
import { seriesNamed, type EvidenceSource } from './experiment-evidence';

/** From the experiment's timeline: the ingest lag of every exchange stayed bounded from inject to heal. */
export function lagBoundedCheck(run: EvidenceSource, exchanges: readonly Exchange[], maxLagMs: number): InvariantCheck {
  return {
    name: `ingest lag stays under ${maxLagMs} ms while the fault is in place`,
    check: async () => {
      const evidence = run.evidence();
      const { injectMs, healMs } = evidence.marks;
      if (injectMs === undefined) throw new Error('lagBoundedCheck: no fault was injected');
      const nowMs = Math.max(0, ...evidence.timeline.flatMap((s) => s.points.map(([t]) => t)));
      const lagSeries = Object.fromEntries(exchanges.map((e) => [e, seriesNamed(evidence, `ingest lag ${e}`)]));
      return lagBounded({ lagSeries, window: { fromMs: injectMs, toMs: healMs ?? nowMs }, maxLagMs });
    },
  };
}
