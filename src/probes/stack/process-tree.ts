import { readdirSync, readFileSync } from 'node:fs';

/** A line of /proc/<pid>/stat split after the parenthesised name (which may hold spaces): field 3 onwards. */
export function procStatFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ');
  } catch {
    return undefined; // gone between listing and reading
  }
}

/** The children of every live process, from each /proc/<pid>/stat's parent field. */
function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procStatFields(Number(entry));
    if (!fields) continue;
    const ppid = Number(fields[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  return children;
}

/**
 * The given processes and all their live descendants, each once. A service runs behind
 * `ip netns exec` and `setpriv`, and some fork workers, so its own pid is rarely the one working.
 * Reads this machine's /proc: for a container, its engine must run here.
 */
export function processTree(rootPids: readonly number[]): number[] {
  const children = childrenByParent();
  const seen = new Set<number>();
  const queue = [...rootPids];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return [...seen];
}
