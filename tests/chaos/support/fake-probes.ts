import type { ProgressProbe } from '../../../src/chaos/progress-probe';
import type { StartedStack } from '../../../src/targets/started-stack';
import type { FakeProcessStack } from './fake-process-stack';

/**
 * Reads a fake service's counter over HTTP; progress means at least `minStep` counts past the
 * mark. A paused, stopped or disconnected service makes the read fail.
 */
export function counterProbe(stack: StartedStack, service: string, minStep = 1): ProgressProbe<number> {
  const fake = stack as FakeProcessStack;
  return {
    name: `${service} counting`,
    async read() {
      const res = await fetch(`http://127.0.0.1:${fake.port(service)}/`, { signal: AbortSignal.timeout(1_000) });
      return Number(await res.text());
    },
    progressed: (mark, now) => now >= mark + minStep,
    describe: (value) => `count ${value}`,
  };
}
