import { setTimeout as sleep } from 'node:timers/promises';
import { processStatus, type ProcessIdentity } from './process-status';

const POLL_MS = 20;

/** Resolves true once the process is gone, false when `timeoutMs` passes first. */
export async function waitGone(identity: ProcessIdentity, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if ((await processStatus(identity)) === 'gone') return true;
    if (performance.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
}
