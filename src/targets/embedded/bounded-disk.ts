import { mkdir, readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
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

/** Mount points at or below `root`, deepest first (the order to unmount them in). */
export async function mountsUnder(root: string): Promise<string[]> {
  const base = resolve(root);
  const table = await readFile('/proc/self/mounts', 'utf8');
  return table.split('\n')
    .map((line) => line.split(' ')[1])
    .filter((point): point is string => point !== undefined)
    .map(decodeMountPath)
    .filter((point) => point === base || point.startsWith(base + sep))
    .sort((a, b) => b.length - a.length);
}

/** Unmounts every bounded disk under `root` (what a stack, or a crashed run of it, mounted there). */
export async function unmountBoundedDisks(root: string): Promise<void> {
  for (const point of await mountsUnder(root)) await runCommand('umount', [point]);
}

async function isMountPoint(dir: string): Promise<boolean> {
  return (await mountsUnder(dir)).includes(resolve(dir));
}

/** /proc/mounts writes space, tab, newline and backslash as octal escapes. */
function decodeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
