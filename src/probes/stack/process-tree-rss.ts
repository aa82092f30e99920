import { readFileSync } from 'node:fs';
import { processTree } from './process-tree';

/** A process's resident set in bytes, or 0 when it is gone (it may exit between listing and reading). */
function rssBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface ProcessTreeRss {
  bytes: number;
  processes: number;
}

/** Total resident memory of the given processes and all their descendants, each process counted once. */
export function processTreeRss(rootPids: number[]): ProcessTreeRss {
  const pids = processTree(rootPids);
  let bytes = 0;
  for (const pid of pids) bytes += rssBytes(pid);
  return { bytes, processes: pids.length };
}
