import type { StartedStack, TargetName } from '../targets/started-stack';
import { upStack } from '../targets/up-stack';
import type { StackProviderOptions } from './stack-provider';

const TARGETS: readonly TargetName[] = ['embedded', 'compose'];

/** The target named by `K2_TARGET` (default `embedded`). */
export function targetFromEnv(): TargetName {
  const target = process.env.K2_TARGET ?? 'embedded';
  if (!(TARGETS as readonly string[]).includes(target)) throw new Error(`K2_TARGET must be one of ${TARGETS.join(', ')}, got "${target}"`);
  return target as TargetName;
}

/** Brings up (embedded) or attaches to (compose) the stack of `K2_TARGET`. */
export function up(options: StackProviderOptions): Promise<StartedStack> {
  return upStack({ target: targetFromEnv(), manifest: options.manifest, runDir: options.runDir });
}

/** Reattaches to a stack left in `runDir` without restarting it. */
export async function attach(options: StackProviderOptions): Promise<StartedStack> {
  const target = targetFromEnv();
  if (target === 'compose') return upStack({ target, manifest: options.manifest, runDir: options.runDir });
  const { attachEmbeddedStack } = await import('../targets/embedded/attach-embedded-stack');
  return attachEmbeddedStack(options.runDir);
}
