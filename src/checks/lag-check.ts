import type { InvariantCheck } from '../chaos/invariant-check';
import { ingestHeldUp } from '../invariants/pipeline/fault-reached';
import { lagBounded, type LagBoundedInput } from '../invariants/pipeline/lag-bounded';
import type { Exchange } from '../stack/names';
import { seriesNamed, type EvidenceSource } from './experiment-evidence';

/** Each exchange's ingest lag from the experiment's timeline, and the window from inject to heal. */
function faultWindowLag(run: EvidenceSource, exchanges: readonly Exchange[], caller: string): Pick<LagBoundedInput, 'lagSeries' | 'window'> {
  const evidence = run.evidence();
  const { injectMs, healMs } = evidence.marks;
  if (injectMs === undefined) throw new Error(`${caller}: no fault was injected`);
  const nowMs = Math.max(0, ...evidence.timeline.flatMap((s) => s.points.map(([t]) => t)));
  const lagSeries = Object.fromEntries(exchanges.map((e) => [e, seriesNamed(evidence, `ingest lag ${e}`)]));
  return { lagSeries, window: { fromMs: injectMs, toMs: healMs ?? nowMs } };
}

/** From the experiment's timeline: the ingest lag of every exchange stayed bounded from inject to heal. */
export function lagBoundedCheck(run: EvidenceSource, exchanges: readonly Exchange[], maxLagMs: number): InvariantCheck {
  return {
    name: `ingest lag stays under ${maxLagMs} ms while the fault is in place`,
    check: async () => lagBounded({ ...faultWindowLag(run, exchanges, 'lagBoundedCheck'), maxLagMs }),
  };
}

/** From the experiment's timeline: some exchange's ingest lag reached `minLagMs` from inject to heal. */
export function ingestHeldUpCheck(run: EvidenceSource, exchanges: readonly Exchange[], minLagMs: number): InvariantCheck {
  return {
    name: `the fault held ingest up by ${minLagMs} ms or more`,
    check: async () => ingestHeldUp({ ...faultWindowLag(run, exchanges, 'ingestHeldUpCheck'), minLagMs }),
  };
}
