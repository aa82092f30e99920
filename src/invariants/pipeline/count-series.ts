/** A sampled cumulative count (e.g. silver trades of one exchange): [ms, value] points, time ascending. */
export type CountSeries = ReadonlyArray<readonly [atMs: number, value: number]>;

/** An interval on the same clock as the series. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export function checkWindow(window: TimeWindow, what: string): void {
  if (!Number.isFinite(window?.fromMs) || !Number.isFinite(window?.toMs) || window.toMs <= window.fromMs) {
    throw new Error(`${what} must have finite fromMs < toMs, got ${JSON.stringify(window)}`);
  }
}

/** Points of a series inside a window, in time order (a series out of order is an error). */
export function pointsWithin(series: CountSeries, window: TimeWindow): CountSeries {
  for (let i = 1; i < series.length; i++) {
    if (series[i]![0] < series[i - 1]![0]) throw new Error(`series points must be in time order (point ${i} at ${series[i]![0]} ms)`);
  }
  return series.filter(([t]) => t >= window.fromMs && t <= window.toMs);
}

/** Units per second between the first and last point of a window; undefined with fewer than two points. */
export function rateWithin(series: CountSeries, window: TimeWindow): number | undefined {
  const points = pointsWithin(series, window);
  if (points.length < 2) return undefined;
  const [t0, v0] = points[0]!;
  const [t1, v1] = points[points.length - 1]!;
  return t1 > t0 ? ((v1 - v0) * 1000) / (t1 - t0) : undefined;
}

/** From the first to the last point of a window: the span a rate over it covers; undefined with fewer than two points. */
export function sampleSpan(series: CountSeries, window: TimeWindow): TimeWindow | undefined {
  const points = pointsWithin(series, window);
  if (points.length < 2 || !(points[points.length - 1]![0] > points[0]![0])) return undefined;
  return { fromMs: points[0]![0], toMs: points[points.length - 1]![0] };
}
