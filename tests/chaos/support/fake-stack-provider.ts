import type { StackProviderOptions } from '../../../src/chaos/stack-provider';
import { FakeProcessStack } from './fake-process-stack';

/** StackProvider for tests: the fake process-backed stack instead of the embedded one. */
export function up(options: StackProviderOptions): Promise<FakeProcessStack> {
  return new FakeProcessStack(options.runDir).upAll();
}

export async function attach(options: StackProviderOptions): Promise<FakeProcessStack> {
  return new FakeProcessStack(options.runDir);
}
