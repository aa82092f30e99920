import { createHash } from 'node:crypto';

/** Stack ids go into interface names, which Linux caps at 15 characters. */
const STACK_ID_PATTERN = /^[a-z0-9]{1,8}$/;

/** Checks a stack id, naming the rule it breaks. */
export function validateStackId(stackId: string): string {
  if (!STACK_ID_PATTERN.test(stackId)) {
    throw new Error(`stackId must be 1 to 8 characters of a-z and 0-9 (it is part of network interface names), got "${stackId}"`);
  }
  return stackId;
}

/** A stack id derived from the run folder, so one folder always maps to one stack. */
export function stackIdForRunDir(runDir: string): string {
  return createHash('sha1').update(runDir).digest('hex').slice(0, 8);
}

/**
 * Every kernel object of one stack carries its id, so two stacks never share a name and the
 * cleanup of one stack's leftovers never touches another's.
 */
export const stackNames = {
  bridge: (stackId: string): string => `k2${stackId}br`,
  namespacePrefix: (stackId: string): string => `k2-${stackId}-`,
  namespace: (stackId: string, service: string): string => `k2-${stackId}-${service}`,
  vethPrefix: (stackId: string): string => `k2${stackId}v`,
  veth: (stackId: string, index: number): string => `k2${stackId}v${index}`,
};
