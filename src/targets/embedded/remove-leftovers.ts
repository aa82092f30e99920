import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { unmountBoundedDisks } from './bounded-disk';
import { removeStackNetwork } from './network/remove-stack-network';
import { netnsSupported } from './network/stack-network';
import { killProcess } from './service-process';
import { readStackState, removeStackState } from './stack-state';

/** Folders of the run folder that belong to one stack run; the run folder itself is the caller's. */
export const RUN_SUBDIRS = ['services', 'logs'] as const;

/**
 * Removes what an earlier run in this folder left behind (a crash, a killed worker, a stack still
 * up): its processes, then every namespace and link named with its stack id or `stackId`, then
 * its state file, its bounded disks and data. Nothing of another stack is touched.
 */
export async function removeLeftovers(runDir: string, stackId: string): Promise<void> {
  const previous = await readStackState(runDir).catch(() => undefined);
  if (previous) {
    await Promise.all(Object.values(previous.services).map((record) => (record.process ? killProcess(record.process) : undefined)));
  }
  if (await netnsSupported()) {
    if (previous && previous.stackId !== stackId) await removeStackNetwork(previous.stackId);
    await removeStackNetwork(stackId);
  }
  await removeStackState(runDir);
  await unmountBoundedDisks(join(runDir, 'services'));
  for (const dir of RUN_SUBDIRS) await rm(join(runDir, dir), { recursive: true, force: true });
}
