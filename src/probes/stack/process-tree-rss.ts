import { readdirSync, readFileSync } from 'node:fs';

/** A process's resident set in bytes, or 0 when it is gone (it may exit between listing and reading). */
function rssBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Parent of every live process, read from /proc/<pid>/stat (field 4, after the parenthesised name). */
function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  return children;
}

export interface ProcessTreeRss {
  bytes: number;
  processes: number;
}

/**
 * Total resident memory of the given processes and all their descendants (a service runs behind
 * `ip netns exec` and `setpriv`, and some fork workers), each process counted once. Reads this
 * machine's /proc: for a container, its engine must run here.
 */
export function processTreeRss(rootPids: number[]): ProcessTreeRss {
  const children = parentMap();
  const seen = new Set<number>();
  const queue = [...rootPids];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  let bytes = 0;
  for (const pid of seen) bytes += rssBytes(pid);
  return { bytes, processes: seen.size };
}
