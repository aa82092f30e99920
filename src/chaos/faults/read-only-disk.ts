import type { Fault } from '../fault';

/**
 * The service's own disk goes read-only, as a failing disk does: the file system meets an error
 * and refuses every write from then on (EROFS), files already open included. The heal is the
 * operator's repair: stop the service, check the file system, mount it again, start the service.
 * Only a service with a disk of its own can take it; elsewhere the test is skipped with the reason.
 */
export function readOnlyDisk(service: string): Fault {
  return {
    name: `put the disk of ${service} read-only`,
    service,
    action: 'read-only-disk',
    network: false,
    unsupported: (stack) => stack.diskFaultsUnsupported(service),
    inject: (stack) => stack.makeDiskReadOnly(service),
    heal: (stack) => stack.repairDisk(service),
    confirm: (_before, after) =>
      after.diskReadOnly
        ? { applied: true, detail: `${service}'s disk takes no writes` }
        : { applied: false, detail: after.diskReadOnly === false ? `${service}'s disk still takes writes` : `${service} shows no disk of its own` },
  };
}
