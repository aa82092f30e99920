import type Docker from 'dockerode';
import type { ContainerInspectInfo } from 'dockerode';

/**
 * The volumes of each service that are a disk of their own: local volumes mounting a block
 * device (driver_opts `device`), as docker-compose.bounded-disk.yml gives the broker. Their host
 * mount point is where a disk fault is applied from this machine. Read once, at attach.
 */
export async function findDiskVolumes(docker: Docker, containers: ReadonlyMap<string, ContainerInspectInfo>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [service, info] of containers) {
    for (const mount of info.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Name) continue;
      const volume = await docker.getVolume(mount.Name).inspect().catch(() => undefined);
      const device = volume?.Options?.device;
      if (volume && device?.startsWith('/dev/')) found.set(service, volume.Mountpoint);
    }
  }
  return found;
}
