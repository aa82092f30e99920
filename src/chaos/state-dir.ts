import { dirname, join, resolve } from 'node:path';
import { traversableDir } from '../stack/traversable-dir';

/**
 * Where k2-chaos keeps its run folders and worker slots: `K2_STATE_DIR`, or `.k2-chaos` next to
 * the Playwright config, so workers and the global teardown of one config agree on it. A folder
 * the services' own users cannot reach is swapped for one under the system temp folder.
 */
export function stateDir(configFile: string | undefined, rootDir: string): string {
  if (process.env.K2_STATE_DIR) return traversableDir(process.env.K2_STATE_DIR);
  return traversableDir(join(configFile ? dirname(configFile) : rootDir, '.k2-chaos'));
}
