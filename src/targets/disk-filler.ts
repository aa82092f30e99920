import { open, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';

/** The file that takes a disk's free space; its name says whose it is. */
export const DISK_FILLER = '.k2-chaos-disk-filler';
/** Written in chunks of this size once the bulk is allocated, until the disk refuses one byte more. */
const TOP_OFF_BYTES = 4_096;

/** Free bytes for an unprivileged write and for root (root may use reserved blocks). */
export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return Number(s.bfree) * Number(s.bsize);
}

/**
 * Takes every free byte of the file system that holds `dir` with one filler file, so the next
 * write of any process on it fails with ENOSPC. Idempotent: a second call tops the file off.
 */
export async function fillDisk(dir: string): Promise<{ filledBytes: number }> {
  const file = join(dir, DISK_FILLER);
  const handle = await open(file, 'a');
  let filledBytes = 0;
  try {
    const chunk = Buffer.alloc(1_048_576);
    // Big writes first, then small ones: the file system rounds to its block size.
    for (const size of [chunk.length, TOP_OFF_BYTES, 1]) {
      for (;;) {
        try {
          const { bytesWritten } = await handle.write(chunk, 0, size);
          filledBytes += bytesWritten;
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
  return { filledBytes };
}

/** Removes the filler: the space is free again. A no-op when there is none. */
export async function freeDisk(dir: string): Promise<void> {
  await rm(join(dir, DISK_FILLER), { force: true });
}
