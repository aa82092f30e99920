import { dirname, join, resolve } from 'node:path';

/**
 * Where k2-chaos keeps its run folders and worker slots: `K2_STATE_DIR`, or `.k2-chaos` next to
 * the Playwright config, so workers and the global teardown of one config agree on it.
 */
export function stateDir(configFile: string | undefined, rootDir: string): string {
  if (process.env.K2_STATE_DIR) return resolve(process.env.K2_STATE_DIR);
  return join(configFile ? dirname(configFile) : rootDir, '.k2-chaos');
}
