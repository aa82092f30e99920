import type { PollObservation } from './poll-progress';
import type { ProgressProbe } from './progress-probe';

/** The "last value seen" of a console progress line. */
export function describeObservation<T>(probe: ProgressProbe<T>, o: PollObservation<T>): string {
  if (!o.reading.ok) return `read failed: ${o.reading.error}`;
  const health = o.healthy ? ` (healthy x${o.consecutiveHealthy})` : o.progressed ? ' (progressed, not healthy)' : '';
  return `${probe.describe(o.reading.value)}${health}`;
}
