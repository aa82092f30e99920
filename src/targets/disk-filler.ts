import { open, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { isMountPoint } from './mount-points';
import { runCommand } from './embedded/run-command';

/** The file that takes a disk's free space; its name says whose it is. */
export const DISK_FILLER = '.k2-chaos-disk-filler';
/** Left to plain writes after fallocate takes the bulk: file systems round allocations to blocks. */
const FALLOCATE_LEAVES_BYTES = 1_048_576;
/** Written in chunks of this size once the bulk is allocated, until the disk refuses one byte more. */
const TOP_OFF_BYTES = 4_096;

/**
 * Bytes a write can still take: statfs's available blocks. Free blocks can be more (ext4 keeps
 * some for its own metadata, and blocks for root unless made with -m 0), but no write gets them.
 */
export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** How often a full disk is topped off again while it is meant to stay full. */
const KEEP_FULL_EVERY_MS = 250;
/** The disks this process keeps full, by folder: their top-off loops. */
const keepers = new Map<string, { timer?: NodeJS.Timeout; stopped: boolean }>();

/**
 * Takes every free byte of the file system mounted on `dir` with one filler file, so the next
 * write of any process on it fails with ENOSPC, and keeps it so until freeDisk: what the service
 * frees meanwhile (a database removing merged parts, a log deleting old segments) is taken again
 * every 250 ms, as a disk stays full while some writer keeps writing. `dir` must be a mount point:
 * a folder of the machine's own disk is refused, so this can never fill that. The bulk is
 * allocated with fallocate (no data written: a disk in a sparse image stays sparse), the rest
 * written. Idempotent: a second call tops the file off.
 */
export async function fillDisk(dir: string): Promise<{ filledBytes: number }> {
  if (!(await isMountPoint(dir))) throw new Error(`will not fill ${dir}: it is not a file system of its own (not mounted, or a folder of the machine's disk)`);
  const filled = await topOff(dir, 'a');
  keepFull(dir);
  return { filledBytes: filled ?? 0 };
}

/** Tops the disk off every KEEP_FULL_EVERY_MS until freeDisk, or until the filler is gone (healed from another process). */
function keepFull(dir: string): void {
  if (keepers.has(dir)) return;
  const keeper: { timer?: NodeJS.Timeout; stopped: boolean } = { stopped: false };
  keepers.set(dir, keeper);
  const tick = async () => {
    const filled = await topOff(dir, 'r+').catch(() => undefined);
    if (keeper.stopped || filled === undefined) {
      if (keepers.get(dir) === keeper) keepers.delete(dir);
      return;
    }
    keeper.timer = setTimeout(() => void tick(), KEEP_FULL_EVERY_MS);
    // The top-off loop alone must not keep a process alive.
    keeper.timer.unref();
  };
  keeper.timer = setTimeout(() => void tick(), KEEP_FULL_EVERY_MS);
  keeper.timer.unref();
}

/**
 * Grows the filler until the disk refuses one byte more; the bytes it took. `flags` 'a' creates
 * the filler, 'r+' only tops off one that exists (undefined when there is none: the disk was freed).
 */
async function topOff(dir: string, flags: 'a' | 'r+'): Promise<number | undefined> {
  const file = join(dir, DISK_FILLER);
  let handle;
  try {
    handle = await open(file, flags);
  } catch (error) {
    if (flags === 'r+' && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let filledBytes = 0;
  try {
    const bulk = (await freeBytes(dir)) - FALLOCATE_LEAVES_BYTES;
    if (bulk > 0) {
      const before = (await handle.stat()).size;
      // Allocation can fail part-way on a file system that rounds; the writes below top it off.
      await runCommand('fallocate', ['--offset', String(before), '--length', String(bulk), file]).catch(() => undefined);
      filledBytes += (await handle.stat()).size - before;
    }
    const chunk = Buffer.alloc(FALLOCATE_LEAVES_BYTES);
    const end = (await handle.stat()).size;
    let position = end;
    // Big writes first, then small ones: the file system rounds to its block size.
    for (const size of [chunk.length, TOP_OFF_BYTES, 1]) {
      for (;;) {
        try {
          const { bytesWritten } = await handle.write(chunk, 0, size, position);
          filledBytes += bytesWritten;
          position += bytesWritten;
          if (bytesWritten < size) break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    await handle.close();
  }
  return filledBytes;
}

/** Removes the filler and stops keeping the disk full: the space is free again. A no-op when there is none. */
export async function freeDisk(dir: string): Promise<void> {
  const keeper = keepers.get(dir);
  if (keeper) {
    keeper.stopped = true;
    clearTimeout(keeper.timer);
    keepers.delete(dir);
  }
  await rm(join(dir, DISK_FILLER), { force: true });
}
