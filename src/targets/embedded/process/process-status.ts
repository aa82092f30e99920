import { readFile } from 'node:fs/promises';

export type ProcessStatus = 'running' | 'paused' | 'gone';

/** A process the runtime started: its pid plus its kernel start time, which guards against pid reuse. */
export interface ProcessIdentity {
  pid: number;
  startTime: string;
}

async function readStat(pid: number): Promise<string[] | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; fields resume after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ');
  } catch {
    return undefined;
  }
}

/** The kernel's start time of a pid (clock ticks since boot), or undefined when it does not exist. */
export async function processStartTime(pid: number): Promise<string | undefined> {
  return (await readStat(pid))?.[19];
}

/**
 * Reads a process's state from /proc. A zombie counts as gone, and so does a pid that now
 * belongs to another process (different start time).
 */
export async function processStatus(identity: ProcessIdentity): Promise<ProcessStatus> {
  const fields = await readStat(identity.pid);
  if (!fields || fields[19] !== identity.startTime) return 'gone';
  const state = fields[0];
  if (state === 'Z' || state === 'X' || state === 'x') return 'gone';
  return state === 'T' ? 'paused' : 'running';
}
