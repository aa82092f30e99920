import { mkdir, stat } from 'node:fs/promises';
import { createExt4Image } from '../ext4-disk';
import { isMountPoint, mountsUnder } from '../mount-points';
import { runCommand } from './run-command';

/** The image file of the disk mounted on `dir`: beside it, in the service's data folder. */
export const diskImageOf = (dir: string): string => `${dir}.ext4`;

/**
 * A size-bounded disk for one service's data: an ext4 image of `bytes` beside its folder, mounted
 * on it through a loop device. A full disk is then that service's alone, it can go read-only like
 * a real one (see ext4-disk.ts), and the image stays sparse (what is written is all it costs).
 * The image outlives a mount, so the data survives the service's restarts and a disk repair.
 * Needs root; the caller decides what to do without it.
 */
export async function mountBoundedDisk(dir: string, bytes: number): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  if (await isMountPoint(dir)) return;
  const image = diskImageOf(dir);
  if (!(await stat(image).then(() => true, () => false))) await createExt4Image(image, bytes);
  await runCommand('mount', ['-o', 'loop', image, dir]);
}

/**
 * Unmounts every bounded disk under `root` (what a stack, or a crashed run of it, mounted there);
 * the loop devices go with their mounts.
 */
export async function unmountBoundedDisks(root: string): Promise<void> {
  for (const point of await mountsUnder(root)) await runCommand('umount', [point]);
}
