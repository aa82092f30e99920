import { mkdir, mkdtemp, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../embedded/run-command';
import { createExt4Image, loopDevicesOf } from '../ext4-disk';

/** The image file of a service's disk in the state folder. */
const imageOf = (stateDir: string, service: string): string => join(stateDir, `${service}-disk.img`);

/**
 * A disk of its own for a compose volume: an ext4 file system in a sparse image file in the
 * state folder, on a loop device. The volume mounts the device (docker-compose.bounded-disk.yml),
 * so it survives container restarts like any volume, and a disk fault (full, read-only) hits it and
 * not the engine's disk. Filling it with fallocate writes no data, so the image stays sparse. Needs root.
 * Resolves with the loop device; one already attached to the image is reused.
 */
export async function prepareBoundedVolume(stateDir: string, service: string, bytes: number): Promise<string> {
  const image = imageOf(stateDir, service);
  const attached = await loopDevicesOf(image);
  if (attached[0]) return attached[0];
  await mkdir(stateDir, { recursive: true });
  await createExt4Image(image, bytes);
  const device = (await runCommand('losetup', ['--find', '--show', image])).stdout.trim();
  await emptyRoot(device);
  return device;
}

/** Detaches the image's loop devices and removes it; what `down --volumes` leaves of the disk. */
export async function releaseBoundedVolume(stateDir: string, service: string): Promise<void> {
  const image = imageOf(stateDir, service);
  for (const device of await loopDevicesOf(image)) await runCommand('losetup', ['--detach', device]);
  await rm(image, { force: true });
}

/**
 * mkfs leaves lost+found in the root. An empty root lets the engine copy the image's folder
 * (its owner and mode) into the volume on first use, as it does for any new volume.
 */
async function emptyRoot(device: string): Promise<void> {
  const mountPoint = await mkdtemp(join(tmpdir(), 'k2-chaos-disk-'));
  await runCommand('mount', [device, mountPoint]);
  try {
    await rmdir(join(mountPoint, 'lost+found')).catch(() => undefined);
  } finally {
    await runCommand('umount', [mountPoint]);
    await rmdir(mountPoint);
  }
}
