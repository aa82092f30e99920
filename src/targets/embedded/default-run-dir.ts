import { resolve } from 'node:path';

/** Where `up` keeps a stack when no folder is given: `K2_CHAOS_RUN_DIR`, else `.k2-chaos/stack`. */
export function defaultRunDir(): string {
  return resolve(process.env.K2_CHAOS_RUN_DIR ?? '.k2-chaos/stack');
}
