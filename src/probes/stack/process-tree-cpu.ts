import { processTree, procStatFields } from './process-tree';

/**
 * Clock ticks per second of /proc's CPU times (USER_HZ). Linux fixes it at 100 for user space on
 * every architecture it ships, whatever the kernel's own HZ.
 */
const USER_HZ = 100;

/**
 * CPU seconds (user + system) spent so far by the given processes and their live descendants,
 * plus what their reaped children left in cutime/cstime. A descendant that exited unreaped or
 * under another parent is not counted: take the difference of two readings over a steady window.
 */
export function processTreeCpuSeconds(rootPids: readonly number[]): number {
  let ticks = 0;
  for (const pid of processTree(rootPids)) {
    // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    const fields = procStatFields(pid);
    if (!fields) continue;
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks / USER_HZ;
}
