import { readFile } from 'node:fs/promises';
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

/** /proc/mounts writes space, tab, newline and backslash as octal escapes. */
function decodeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
