import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { basename, resolve } from 'node:path';
import { runCommand } from './embedded/run-command';
import { decodeMountPath } from './mount-points';

/**
 * A disk of its own for one service: an ext4 file system in a sparse image file, mounted through
 * a loop device. It gives the service both disk faults a real disk has: full (a filler takes its
 * free space) and read-only (ext4 meets an error and stops writing). Needs root.
 */

/**
 * Makes the image: sparse, no blocks kept for root (full must mean full, whoever writes), and
 * errors=remount-ro, which is what makes the read-only fault possible: on an error ext4 aborts its
 * journal and refuses every write, whoever holds files open.
 */
export async function createExt4Image(image: string, bytes: number): Promise<void> {
  if (!Number.isInteger(bytes) || bytes < 8 * 1_048_576) throw new Error(`a disk image needs at least 8 MiB (ext4's journal), got ${bytes} bytes for ${image}`);
  await runCommand('truncate', ['-s', String(bytes), image]);
  await runCommand('mkfs.ext4', ['-q', '-F', '-m', '0', '-e', 'remount-ro', image]);
}

/** One line of /proc/self/mountinfo: where, from what, and with which per-mount and file-system options. */
interface MountInfo {
  point: string;
  source: string;
  options: string[];
}

async function mountInfo(dir: string): Promise<MountInfo | undefined> {
  const point = resolve(dir);
  const table = await readFile('/proc/self/mountinfo', 'utf8');
  let found: MountInfo | undefined;
  for (const line of table.split('\n')) {
    // id parent major:minor root point options [optional...] - fstype source superOptions
    const [head, tail] = line.split(' - ');
    if (!head || !tail) continue;
    const fields = head.split(' ');
    const [, source, superOptions] = tail.split(' ');
    const mountedAt = decodeMountPath(fields[4] ?? '');
    // The last mount on a point is the one in effect.
    if (mountedAt === point) found = { point, source: source ?? '', options: [...(fields[5] ?? '').split(','), ...(superOptions ?? '').split(',')] };
  }
  return found;
}

/** The block device mounted on `dir` (a loop device for a disk image), or undefined when nothing is. */
export async function mountedDevice(dir: string): Promise<string | undefined> {
  const info = await mountInfo(dir);
  return info?.source.startsWith('/dev/') ? info.source : undefined;
}

/**
 * True when the file system on `dir` takes no writes: mounted read-only, or put read-only by the
 * kernel after an error (`emergency_ro` on kernels from 6.x, `ro` before).
 */
export async function isReadOnly(dir: string): Promise<boolean> {
  const info = await mountInfo(dir);
  return info !== undefined && info.options.some((o) => o === 'ro' || o === 'emergency_ro');
}

/**
 * Puts the ext4 file system mounted on `dir` read-only, as a failing disk does: its sysfs error
 * trigger records an error, and with errors=remount-ro ext4 aborts the journal and refuses every
 * write from then on (EROFS), also through files already open. It stays so until unmounted and
 * checked.
 *
 * The file system is frozen around the trigger. An error that lands while an fdatasync is
 * completing can lose that write after the repair although the call reported success (measured
 * on this kernel: 2 of 40 racing runs without the freeze, 0 of 40 with it). A disk that loses
 * writes it acknowledged is another fault, one no broker survives; the freeze first puts every
 * completed sync in place, and writers waiting on it get EROFS once it is lifted.
 */
export async function makeExt4ReadOnly(dir: string): Promise<void> {
  const device = await mountedDevice(dir);
  if (!device) throw new Error(`cannot put ${dir} read-only: no block device is mounted there`);
  const trigger = `/sys/fs/ext4/${basename(device)}/trigger_fs_error`;
  await runCommand('fsfreeze', ['--freeze', dir]);
  try {
    // Written synchronously: an async write waits for a thread of libuv's pool, and every one of
    // them may be blocked writing to the frozen disk (a process testing its own files).
    writeFileSync(trigger, 'k2-chaos: read-only disk fault\n');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot put ${dir} (${device}) read-only: ${code === 'ENOENT' ? `${trigger} does not exist (not ext4)` : (error as Error).message}`);
  } finally {
    await runCommand('fsfreeze', ['--unfreeze', dir]);
  }
}

/**
 * e2fsck with repairs on an unmounted image or device: replays what the aborted journal holds and
 * clears the error. Exit 0 is clean and 1 is repaired; anything else means the disk is not
 * usable, which is an error naming e2fsck's report.
 */
export function checkExt4(imageOrDevice: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile('e2fsck', ['-f', '-y', imageOrDevice], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (code === 0 || code === 1) resolvePromise();
      else reject(new Error(`e2fsck ${imageOrDevice} exited ${code}: ${`${stdout}${stderr}`.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}

/** Loop devices backed by `image` (none when it does not exist). */
export async function loopDevicesOf(image: string): Promise<string[]> {
  if (!(await stat(image).then(() => true, () => false))) return [];
  const { stdout } = await runCommand('losetup', ['--associated', image, '--noheadings', '--output', 'NAME']);
  return stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/**
 * Resolves once no loop device holds `image`: a loop mount lets go of its device when its last
 * mount, in any namespace, is gone. Checking an image still in use would corrupt it, so a device
 * still there after `timeoutMs` is an error.
 */
export async function waitImageReleased(image: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const devices = await loopDevicesOf(image);
    if (devices.length === 0) return;
    if (Date.now() >= deadline) throw new Error(`${image} is still in use on ${devices.join(', ')} (mounted somewhere): not checking it`);
    await sleep(100);
  }
}
