import type { ManualClock } from '../../../src/chaos/manual-clock';
import type { ProgressProbe } from '../../../src/chaos/progress-probe';
import type { MemoryStack } from './memory-stack';

/**
 * A row counter that grows 1 row per 10 ms of virtual time while `service` is healthy, and only
 * `resumeDelayMs` after it became healthy again (the pipeline catching up). `resumeDelayMs:
 * Infinity` never recovers; `frozen` never grows at all.
 */
export function simulatedPipeline(clock: ManualClock, stack: MemoryStack, service: string, options: { resumeDelayMs?: number; frozen?: boolean } = {}) {
  let rows = 0;
  let lastMs = clock.now();
  let wasHealthy = true;
  let resumeAtMs = -Infinity;
  let seenCalls = stack.calls.length;
  const advance = (): void => {
    const now = clock.now();
    // Any fault primitive since the last read interrupted the flow, even if healed already.
    const disrupted = stack.calls.length > seenCalls;
    seenCalls = stack.calls.length;
    const healthy = stack.isHealthy(service);
    if (healthy && (disrupted || !wasHealthy)) resumeAtMs = now + (options.resumeDelayMs ?? 0);
    wasHealthy = healthy;
    if (!options.frozen && healthy && !disrupted && now >= resumeAtMs) rows += Math.floor((now - Math.max(lastMs, resumeAtMs)) / 10);
    lastMs = now;
  };
  const probe: ProgressProbe<number> = {
    name: 'silver advancing',
    async read() {
      advance();
      if (!stack.isHealthy(service)) throw new Error(`${service} unreachable`);
      return rows;
    },
    progressed: (mark, now) => now > mark,
    describe: (value) => `${value} rows`,
  };
  return probe;
}
