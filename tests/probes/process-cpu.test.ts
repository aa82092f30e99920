import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { readMachineCpu } from '../../src/probes/stack/machine-cpu';
import { processTree } from '../../src/probes/stack/process-tree';
import { processTreeCpuSeconds } from '../../src/probes/stack/process-tree-cpu';

test('a busy grandchild counts in its ancestor\'s CPU, and stops counting once it idles', async () => {
  // A shell whose child spins until it has used 1 s of CPU (not of wall time: the machine is shared), then idles.
  const busy = "while (process.cpuUsage().user < 1e6); console.log('idle'); setInterval(() => {}, 1000);";
  const shell = spawn('sh', ['-c', `"${process.execPath}" -e "${busy}" & wait`], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    await once(shell.stdout!, 'data');
    expect(processTreeCpuSeconds([shell.pid!])).toBeGreaterThanOrEqual(1.0);
    expect(processTree([shell.pid!]).length).toBe(2);
    const idleStart = processTreeCpuSeconds([shell.pid!]);
    await new Promise((r) => setTimeout(r, 500));
    const idleEnd = processTreeCpuSeconds([shell.pid!]);
    expect(idleEnd - idleStart).toBeLessThan(0.2);
  } finally {
    for (const pid of processTree([shell.pid!]).reverse()) process.kill(pid, 'SIGKILL');
    await once(shell, 'exit');
  }
});

test('a process that is gone reads as no CPU and no tree', () => {
  expect(processTreeCpuSeconds([2 ** 22 + 1])).toBe(0);
  expect(processTree([2 ** 22 + 1])).toEqual([2 ** 22 + 1]);
});

test('machine CPU: busy leaves out idle, I/O wait and steal; total holds them all', () => {
  const stat = 'cpu  1000 50 300 8000 200 10 40 100 0 0\ncpu0 500 25 150 4000 100 5 20 50 0 0\n';
  expect(readMachineCpu(stat)).toEqual({ busySeconds: 14, totalSeconds: 97 });
  expect(() => readMachineCpu('intr 1 2 3\n')).toThrow('/proc/stat has no "cpu " line');
  const live = readMachineCpu();
  expect(live.totalSeconds).toBeGreaterThan(live.busySeconds);
});
