import type { StartedStack, ServiceState } from '../targets/started-stack';
import type { Fault, FaultConfirmation } from './fault';
import type { MonotonicClock } from './monotonic-clock';
import type { FaultProbe } from './progress-probe';
import { DEFAULT_POLL_INTERVAL_MS } from './poll-progress';
import { errorMessage } from './probe-reading';
import { formatMs } from './format-ms';

/** How long a fault has to become visible before it counts as not applied. */
export const DEFAULT_CONFIRM_TIMEOUT_MS = 10_000;

export interface ConfirmFaultOptions {
  probe?: FaultProbe;
  timeoutMs?: number;
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Polls the target's view of the service (and the spec's own probe, if any) until both show the
 * fault, or the window ends. A probe that throws has not confirmed anything yet.
 */
export async function confirmFault(
  fault: Fault,
  stack: StartedStack,
  before: ServiceState,
  clock: MonotonicClock,
  options: ConfirmFaultOptions = {},
): Promise<FaultConfirmation> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS;
  const deadlineAtMs = clock.now() + timeoutMs;
  let last: FaultConfirmation = { applied: false, detail: 'not checked' };
  for (;;) {
    last = await checkOnce(fault, stack, before, options.probe);
    if (last.applied || clock.now() >= deadlineAtMs || options.signal?.aborted) break;
    await clock.sleep(Math.min(options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, deadlineAtMs - clock.now()), options.signal);
  }
  return last.applied ? last : { applied: false, detail: `${last.detail} (checked for ${formatMs(timeoutMs)})` };
}

async function checkOnce(fault: Fault, stack: StartedStack, before: ServiceState, probe?: FaultProbe): Promise<FaultConfirmation> {
  let state: ServiceState;
  try {
    state = await stack.state(fault.service);
  } catch (error) {
    return { applied: false, detail: `the state of ${fault.service} could not be read: ${errorMessage(error)}` };
  }
  const byState = fault.confirm(before, state);
  if (!byState.applied || !probe) return byState;
  try {
    if (await probe.check()) return { applied: true, detail: `${byState.detail}; ${probe.name}` };
    return { applied: false, detail: `${byState.detail}, but not yet ${probe.name}` };
  } catch (error) {
    return { applied: false, detail: `${byState.detail}, but ${probe.name} could not be checked: ${errorMessage(error)}` };
  }
}
