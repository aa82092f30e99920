import type { InvariantResult } from '../../report-model/chaos-record';

export interface LagBoundedInput {
  /** Ingest lag per exchange, [ms since start, lag ms]. */
  lagSeries: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>>;
  /** The window judged (the fault in place). */
  window: { fromMs: number; toMs: number };
  maxLagMs: number;
}

/** Each exchange's worst lag inside the window, and how many samples fell in it. */
export function worstLag(lagSeries: LagBoundedInput['lagSeries'], window: LagBoundedInput['window']): { worst: Record<string, number>; samples: number } {
  const worst: Record<string, number> = {};
  let samples = 0;
  for (const [exchange, points] of Object.entries(lagSeries)) {
    for (const [t, lag] of points) {
      if (t < window.fromMs || t > window.toMs) continue;
      samples++;
      worst[exchange] = Math.max(worst[exchange] ?? 0, lag);
    }
  }
  return { worst, samples };
}

/** While the fault is in place, no exchange's end-to-end ingest lag exceeds `maxLagMs`. */
export function lagBounded(input: LagBoundedInput): InvariantResult {
  const name = `ingest lag stays under ${input.maxLagMs} ms while the fault is in place`;
  const { worst, samples } = worstLag(input.lagSeries, input.window);
  if (samples === 0) return { name, status: 'unknown', summary: 'no lag was sampled while the fault was in place' };
  const over = Object.entries(worst).filter(([, lag]) => lag > input.maxLagMs);
  const detail = Object.entries(worst).map(([e, lag]) => `${e} ${Math.round(lag)} ms`).join(', ');
  const counts = Object.fromEntries(Object.entries(worst).map(([e, lag]) => [`maxLagMs_${e}`, Math.round(lag)]));
  if (over.length > 0) return { name, status: 'invalid', counts, summary: `worst lag over the bound: ${detail}` };
  return { name, status: 'valid', counts, summary: `worst lag ${detail} over ${samples} samples` };
}
