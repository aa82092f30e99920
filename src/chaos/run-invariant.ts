import type { InvariantResult } from '../report-model/chaos-record';
import type { InvariantCheck } from './invariant-check';
import { errorMessage } from './probe-reading';

const STATUSES = new Set(['valid', 'invalid', 'unknown']);

/** The name a check reports under before it has produced a result. */
export function invariantName(check: InvariantCheck, index: number): string {
  if (typeof check === 'function') return check.name || `invariant ${index + 1}`;
  return check.name;
}

/**
 * Runs one checker. A checker that throws, or returns something that is not a result, yields
 * `unknown` with the reason, never `valid`.
 */
export async function runInvariant(check: InvariantCheck, index: number): Promise<InvariantResult> {
  const name = invariantName(check, index);
  let result: unknown;
  try {
    result = typeof check === 'function' ? await check() : await check.check();
  } catch (error) {
    return { name, status: 'unknown', summary: `checker crashed: ${errorMessage(error)}` };
  }
  const candidate = result as Partial<InvariantResult> | undefined;
  if (!candidate || typeof candidate !== 'object' || !STATUSES.has(candidate.status as string)) {
    return { name, status: 'unknown', summary: `checker returned no valid/invalid/unknown status: ${JSON.stringify(result)?.slice(0, 200)}` };
  }
  return {
    ...candidate,
    name: typeof candidate.name === 'string' && candidate.name ? candidate.name : name,
    summary: typeof candidate.summary === 'string' ? candidate.summary : '',
  } as InvariantResult;
}
