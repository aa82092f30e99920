import { traversableDir } from '../../stack/traversable-dir';

/**
 * Where `up` keeps a stack when no folder is given: `K2_CHAOS_RUN_DIR`, else `.k2-chaos/stack`
 * (under the system temp folder when the services' users could not reach it).
 */
export function defaultRunDir(): string {
  return traversableDir(process.env.K2_CHAOS_RUN_DIR ?? '.k2-chaos/stack');
}
