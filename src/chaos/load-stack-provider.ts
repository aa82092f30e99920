import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StackProvider } from './stack-provider';

/** Imports a StackProvider module (absolute path, or relative to `baseDir`) and checks its shape. */
export async function loadStackProvider(modulePath: string, baseDir = process.cwd()): Promise<StackProvider> {
  const absolute = isAbsolute(modulePath) ? modulePath : resolve(baseDir, modulePath);
  let loaded: Partial<StackProvider>;
  try {
    loaded = (await import(pathToFileURL(absolute).href)) as Partial<StackProvider>;
  } catch (error) {
    throw new Error(`stack provider ${absolute} could not be loaded: ${(error as Error).message}`);
  }
  for (const name of ['up', 'attach'] as const) {
    if (typeof loaded[name] !== 'function') {
      throw new Error(`stack provider ${absolute} must export a function "${name}" (see src/chaos/stack-provider.ts)`);
    }
  }
  return loaded as StackProvider;
}
