import type { RecoveryMarks } from '../report-model/chaos-record';
import type { MonotonicClock } from './monotonic-clock';

export type RecoveryMark = 'inject' | 'heal' | 'firstProgress' | 'steady';

/**
 * The four instants of one experiment, as offsets from its start on a monotonic clock. The first
 * value of each mark wins: a second heal or a later progress never moves a measurement.
 */
export class RecoveryClock {
  readonly startedAtMs: number;
  private readonly marks: RecoveryMarks = {};

  constructor(readonly clock: MonotonicClock) {
    this.startedAtMs = clock.now();
  }

  /** Milliseconds since the experiment started. */
  elapsedMs(): number {
    return this.clock.now() - this.startedAtMs;
  }

  /** Records `mark` now, or at the clock instant `atMs`; returns the stored offset. */
  mark(mark: RecoveryMark, atMs = this.clock.now()): number {
    const key = `${mark}Ms` as const;
    const existing = this.marks[key];
    if (existing !== undefined) return existing;
    const offsetMs = atMs - this.startedAtMs;
    this.marks[key] = offsetMs;
    return offsetMs;
  }

  has(mark: RecoveryMark): boolean {
    return this.marks[`${mark}Ms`] !== undefined;
  }

  snapshot(): RecoveryMarks {
    return { ...this.marks };
  }

  /** MTTR = firstProgress - heal; outage = firstProgress - inject; time-to-steady = steady - heal. */
  durations(): { mttrMs?: number; outageMs?: number; timeToSteadyMs?: number } {
    const { injectMs, healMs, firstProgressMs, steadyMs } = this.marks;
    const diff = (a?: number, b?: number): number | undefined => (a === undefined || b === undefined ? undefined : Math.max(0, a - b));
    const durations: { mttrMs?: number; outageMs?: number; timeToSteadyMs?: number } = {};
    const mttrMs = diff(firstProgressMs, healMs);
    const outageMs = diff(firstProgressMs, injectMs);
    const timeToSteadyMs = diff(steadyMs, healMs);
    if (mttrMs !== undefined) durations.mttrMs = mttrMs;
    if (outageMs !== undefined) durations.outageMs = outageMs;
    if (timeToSteadyMs !== undefined) durations.timeToSteadyMs = timeToSteadyMs;
    return durations;
  }
}
