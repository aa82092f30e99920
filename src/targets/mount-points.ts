import { readdir, readFile, readlink } from 'node:fs/promises';
import { runCommand } from './embedded/run-command';
import { resolve, sep } from 'node:path';

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

/** True when `dir` itself is a mount point (a file system of its own, not a folder of its parent's). */
export async function isMountPoint(dir: string): Promise<boolean> {
  return (await mountsUnder(dir)).includes(resolve(dir));
}

/** /proc/mounts and /proc/self/mountinfo write space, tab, newline and backslash as octal escapes. */
export function decodeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** True when a mountinfo table (/proc/<pid>/mountinfo) has a mount on `point`. */
function mountInfoHas(table: string, point: string): boolean {
  return table.split('\n').some((line) => decodeMountPath(line.split(' ')[4] ?? '') === point);
}

/**
 * Unmounts `dir` here and in every other mount namespace that holds a copy of it. A service run
 * through `ip netns exec` gets a mount namespace of its own, copied from ours when it started, so
 * a disk mounted before it lives on there after our unmount: the file system stays in use (a
 * read-only ext4 stays read-only, and checking its image would corrupt it) until every copy is
 * gone. A process that exits meanwhile takes its copy with it.
 */
export async function unmountEverywhere(dir: string): Promise<void> {
  const point = resolve(dir);
  const own = await readlink('/proc/self/ns/mnt');
  const visited = new Set([own]);
  for (const pid of (await readdir('/proc')).filter((e) => /^\d+$/.test(e))) {
    const namespace = await readlink(`/proc/${pid}/ns/mnt`).catch(() => undefined);
    if (!namespace || visited.has(namespace)) continue;
    visited.add(namespace);
    const table = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '');
    if (!mountInfoHas(table, point)) continue;
    await runCommand('nsenter', ['-t', pid, '-m', 'umount', point]).catch(async (error: Error) => {
      // Gone in between is fine; a copy still there is not.
      const still = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '');
      if (mountInfoHas(still, point)) throw error;
    });
  }
  if (await isMountPoint(point)) await runCommand('umount', [point]);
}
