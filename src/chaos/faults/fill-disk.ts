import type { Fault } from '../fault';

/**
 * The service's own disk is full: a filler file takes every free byte, so its next write fails
 * with ENOSPC. Heal deletes the filler. Only a service with a disk of its own can take it (the
 * embedded broker has one); elsewhere the test is skipped with the reason.
 */
export function fillDisk(service: string): Fault {
  return {
    name: `fill the disk of ${service}`,
    service,
    action: 'fill-disk',
    network: false,
    unsupported: (stack) => stack.diskFaultsUnsupported(service),
    inject: (stack) => stack.fillDisk(service),
    heal: (stack) => stack.freeDisk(service),
    confirm: (_before, after) =>
      after.diskFull
        ? { applied: true, detail: `${service}'s disk has no free byte left` }
        : { applied: false, detail: after.diskFull === false ? `${service}'s disk still has free space` : `${service} shows no disk of its own` },
  };
}
