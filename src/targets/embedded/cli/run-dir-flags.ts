import { resolve } from 'node:path';
import { defaultRunDir } from '../default-run-dir';

/** The flags every embedded-stack command shares. */
export const RUN_DIR_OPTIONS = {
  'run-dir': { type: 'string' },
} as const;

export const RUN_DIR_USAGE = '  --run-dir DIR     the stack\'s run folder (default: $K2_CHAOS_RUN_DIR or .k2-chaos/stack)';

export function runDirFlag(value: string | undefined): string {
  return value ? resolve(value) : defaultRunDir();
}
