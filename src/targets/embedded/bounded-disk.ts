import { mkdir } from 'node:fs/promises';
import { isMountPoint, mountsUnder } from '../mount-points';
import { runCommand } from './run-command';

/**
 * A size-bounded file system for one service's data: a tmpfs of `bytes` mounted on its folder.
 * A full disk is then that service's alone, and filling it costs the machine no more than
 * `bytes` of memory. Needs root; the caller decides what to do without it.
 */
export async function mountBoundedDisk(dir: string, bytes: number): Promise<void> {
  if (!Number.isInteger(bytes) || bytes < 1_048_576) throw new Error(`a bounded disk needs at least 1 MiB, got ${bytes} bytes for ${dir}`);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  if (await isMountPoint(dir)) return;
  await runCommand('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'k2-chaos-disk', dir]);
}

/** Unmounts every bounded disk under `root` (what a stack, or a crashed run of it, mounted there). */
export async function unmountBoundedDisks(root: string): Promise<void> {
  for (const point of await mountsUnder(root)) await runCommand('umount', [point]);
}
