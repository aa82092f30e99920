import type Docker from 'dockerode';
import type { ContainerInspectInfo } from 'dockerode';

/** A volume that is a disk of its own: where the engine mounts it on this machine, and its block device. */
export interface DiskVolume {
  mountPoint: string;
  device: string;
}

/**
 * The volumes of each service that are a disk of their own: local volumes mounting a block
 * device (driver_opts `device`), as docker-compose.bounded-disk.yml gives the broker and ClickHouse. Their host
 * mount point and device are where a disk fault is applied from this machine. Read once, at attach.
 */
export async function findDiskVolumes(docker: Docker, containers: ReadonlyMap<string, ContainerInspectInfo>): Promise<Map<string, DiskVolume>> {
  const found = new Map<string, DiskVolume>();
  for (const [service, info] of containers) {
    for (const mount of info.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Name) continue;
      const volume = await docker.getVolume(mount.Name).inspect().catch(() => undefined);
      const device = volume?.Options?.device;
      if (volume && device?.startsWith('/dev/')) found.set(service, { mountPoint: volume.Mountpoint, device });
    }
  }
  return found;
}
