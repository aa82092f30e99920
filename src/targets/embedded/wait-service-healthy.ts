import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessStatus } from './process/process-status';
import type { ServiceContext, ServiceDefinition } from './service-definition';

/** Health checks poll at this interval, as the chaos core's probes do. */
export const HEALTH_POLL_MS = 100;
const CHECK_TIMEOUT_MS = 2_000;

export interface WaitServiceHealthyOptions {
  definition: ServiceDefinition;
  context: ServiceContext;
  timeoutMs: number;
  status(): Promise<ProcessStatus>;
  logTail(): Promise<string>;
}

/**
 * Polls a service's health check until it passes. A process that exits meanwhile fails the wait
 * at once, with the end of its log, instead of waiting out the timeout.
 */
export async function waitServiceHealthy(options: WaitServiceHealthyOptions): Promise<void> {
  const { definition, context, timeoutMs } = options;
  const startedAt = performance.now();
  let lastError = 'no check finished yet';
  for (;;) {
    if ((await options.status()) === 'gone') {
      throw new Error(`${definition.name} is not running (it exited or was never started); end of its log:\n${await options.logTail()}`);
    }
    const remainingMs = timeoutMs - (performance.now() - startedAt);
    try {
      await definition.health.check(context, AbortSignal.timeout(Math.max(1, Math.min(CHECK_TIMEOUT_MS, remainingMs))));
      return;
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (performance.now() - startedAt >= timeoutMs) {
      throw new Error(`${definition.name} not healthy after ${timeoutMs} ms (${definition.health.describe(context)}): ${lastError}; end of its log:\n${await options.logTail()}`);
    }
    await sleep(HEALTH_POLL_MS);
  }
}
