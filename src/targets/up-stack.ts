import type { StackManifest } from '../manifest/manifest';
import type { StartedStack, TargetName } from './started-stack';

export interface UpStackOptions {
  target: TargetName;
  manifest: StackManifest;
  /** Folder for the stack's data, logs and state (embedded). */
  runDir?: string;
}

/** Brings up (embedded) or attaches to (compose) the stack a run tests. */
export async function upStack(options: UpStackOptions): Promise<StartedStack> {
  if (options.target === 'compose') {
    const { upComposeStack } = await import('./compose/up-compose-stack');
    return upComposeStack({ manifest: options.manifest, runDir: options.runDir });
  }
  const { upEmbeddedStack } = await import('./embedded/up-embedded-stack');
  return upEmbeddedStack({ manifest: options.manifest, runDir: options.runDir });
}
