import type { StackManifest } from '../manifest/manifest';
import type { StartedStack } from '../targets/started-stack';

export interface StackProviderOptions {
  manifest: StackManifest;
  /** Folder for the stack's data, logs, state and fault journal. */
  runDir: string;
}

/**
 * A module that brings up a stack and can reattach to one left in a run folder. Named by module
 * path (not passed as a function) because a different process, the global teardown or the next
 * worker, must be able to load it to heal what a dead worker left behind.
 */
export interface StackProvider {
  up(options: StackProviderOptions): Promise<StartedStack>;
  /** Reattaches to a stack that another process brought up in `runDir`, without restarting it. */
  attach(options: StackProviderOptions): Promise<StartedStack>;
}
