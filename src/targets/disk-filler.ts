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
    let position = (await handle.stat()).size;
    filledBytes += await writeUntilFull(async (size) => {
      try {
        const { bytesWritten } = await handle.write(chunk, 0, size, position);
        position += bytesWritten;
        return bytesWritten;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return 0;
        throw error;
      }
    });
  } finally {
    await handle.close();
  }
  return filledBytes;
}

/** Appends `size` bytes to the filler: the bytes written, fewer (0 included) when the disk refused the rest. */
export type AppendToFiller = (size: number) => Promise<number>;

/** Write sizes, biggest first: the file system rounds allocations to its block size. */
const WRITE_SIZES = [FALLOCATE_LEAVES_BYTES, TOP_OFF_BYTES, 1];
/** Times space freed meanwhile may send the writes back to the biggest size before the keep-full loop takes over. */
const MAX_RESTARTS = 16;

/**
 * Appends until the disk refuses a byte more: big writes, then smaller ones for the last block's
 * rounding. A smaller size writes at most one write of the size above it; more means the service
 * freed space meanwhile, and that is taken with big writes again, not a byte or a block at a time
 * (mode 21's fill once took a minute while ClickHouse freed space under it). Bounded:
 * a service freeing space without end is left to the keep-full loop. Returns the bytes appended.
 */
export async function writeUntilFull(append: AppendToFiller): Promise<number> {
  let total = 0;
  let restarts = 0;
  let stage = 0;
  let inStage = 0;
  while (stage < WRITE_SIZES.length) {
    const size = WRITE_SIZES[stage]!;
    const written = await append(size);
    total += written;
    if (written < size) {
      stage += 1;
      inStage = 0;
      continue;
    }
    inStage += written;
    if (stage > 0 && inStage >= WRITE_SIZES[stage - 1]!) {
      if (++restarts > MAX_RESTARTS) break;
      stage = 0;
      inStage = 0;
    }
  }
  return total;
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
