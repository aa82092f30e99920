import { readFileSync } from 'node:fs';

const USER_HZ = 100;

export interface MachineCpu {
  /** CPU seconds all cores spent on anything but idle and I/O wait since boot. */
  busySeconds: number;
  /** CPU seconds of all cores since boot, idle included. */
  totalSeconds: number;
}

/** The machine's CPU counters, from the first line of /proc/stat (every process, this one too). */
export function readMachineCpu(stat: string = readFileSync('/proc/stat', 'utf8')): MachineCpu {
  const line = stat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no "cpu " line');
  // user nice system idle iowait irq softirq steal; guest time is already inside user, and steal
  // (time the hypervisor gave elsewhere) is no process's work here.
  const counters = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (counters.length < 8 || counters.some((c) => !Number.isFinite(c))) throw new Error(`/proc/stat's "cpu " line is not 8 counters: ${line}`);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = counters as [number, number, number, number, number, number, number, number];
  const busy = user + nice + system + irq + softirq;
  return { busySeconds: busy / USER_HZ, totalSeconds: (busy + idle + iowait + steal) / USER_HZ };
}
