import type { TimelineSeries } from '../report-model/chaos-record';
import type { MonotonicClock } from './monotonic-clock';
import type { TimelineSource } from './progress-probe';
import { readProbe } from './probe-reading';

export const DEFAULT_SAMPLE_INTERVAL_MS = 500;

/**
 * Samples numeric sources into timeline series from start to stop, for the evidence charts. A
 * source that fails or hangs leaves a gap at that instant rather than a made-up value.
 */
export class TimelineSampler {
  private readonly series: TimelineSeries[];
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly sources: TimelineSource[],
    private readonly clock: MonotonicClock,
    /** Clock instant that offsets are measured from (the experiment start). */
    private readonly originMs: number,
    private readonly intervalMs = DEFAULT_SAMPLE_INTERVAL_MS,
  ) {
    if (!(intervalMs > 0)) throw new Error(`sampleIntervalMs must be a positive number, got ${intervalMs}`);
    this.series = sources.map((s) => ({ name: s.name, unit: s.unit, points: [] }));
  }

  start(): void {
    if (this.loop || this.sources.length === 0) return;
    this.loop = this.run();
  }

  /** Stops sampling and waits for an in-flight sample to finish. */
  async stop(): Promise<TimelineSeries[]> {
    this.abort.abort();
    await this.loop;
    return this.snapshot();
  }

  snapshot(): TimelineSeries[] {
    return this.series.map((s) => ({ ...s, points: s.points.map(([t, v]) => [t, v] as [number, number]) }));
  }

  /** Takes one sample of every source now. */
  async sampleOnce(): Promise<void> {
    await Promise.all(
      this.sources.map(async (source, i) => {
        const reading = await readProbe(() => source.read(), this.clock, this.intervalMs * 4);
        if (reading.ok && Number.isFinite(reading.value) && !this.abort.signal.aborted) {
          this.series[i]!.points.push([Math.round(reading.atMs - this.originMs), reading.value]);
        }
      }),
    );
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      const startedMs = this.clock.now();
      await this.sampleOnce();
      const waitMs = this.intervalMs - (this.clock.now() - startedMs);
      await this.clock.sleep(Math.max(0, waitMs), this.abort.signal);
    }
  }
}
