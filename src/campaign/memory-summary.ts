import type { TimelineSeries } from '../report-model/chaos-record';

/** One service's resident memory over a run: the start, the end, the peak, and the growth between. */
export interface ServiceMemory {
  service: string;
  samples: number;
  startMiB: number;
  endMiB: number;
  peakMiB: number;
  /** End against start, in percent; undefined with too few samples to tell a trend from noise. */
  growthPercent?: number;
}

/** Fewer samples than this cannot split into a start and an end. */
const MIN_SAMPLES_FOR_GROWTH = 6;
/** The start and the end are the medians of this share of the samples at each end. */
const END_SHARE = 0.1;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Memory per service from the `rss <service>` series of a timeline. Medians of the first and
 * last tenth stand for start and end, so one garbage collection or a restart's fresh process
 * does not read as a trend. Pure.
 */
export function summarizeMemory(timeline: readonly TimelineSeries[]): ServiceMemory[] {
  return timeline.filter((s) => s.name.startsWith('rss ') && s.points.length > 0).map((s) => {
    const values = s.points.map(([, v]) => v);
    const edge = Math.max(1, Math.floor(values.length * END_SHARE));
    const startMiB = median(values.slice(0, edge));
    const endMiB = median(values.slice(-edge));
    const summary: ServiceMemory = { service: s.name.slice('rss '.length), samples: values.length, startMiB, endMiB, peakMiB: Math.max(...values) };
    if (values.length >= MIN_SAMPLES_FOR_GROWTH && startMiB > 0) summary.growthPercent = Math.round(((endMiB - startMiB) / startMiB) * 1000) / 10;
    return summary;
  });
}
