import { test } from '../fixtures';
import { groundTruthKind } from '../src/observer/exchange-observers';
import type { Exchange } from '../src/stack/names';
import type { StartedStack } from '../src/targets/started-stack';

/**
 * The simulator of `exchange`, for the faults that need its control API (`what` says which:
 * "drop the feed"). Skips the test with the reason where there is none: on live exchanges, or
 * with simulators run --public-only for the observer ground truth.
 */
export function simulatorWithControl(stack: StartedStack, exchange: Exchange, what: string): string {
  const service = stack.manifest.services.exchanges?.[exchange];
  test.skip(!service, `the stack reads live exchanges: there is no simulator to ${what}`);
  test.skip(groundTruthKind(stack.manifest) === 'observer', `the simulators run --public-only (observer ground truth): they have no control API to ${what}`);
  return service!;
}
