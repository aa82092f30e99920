import { expect, test } from '@playwright/test';
import { writeUntilFull } from '../../src/targets/disk-filler';

const MIB = 1_048_576;
const BLOCK = 4_096;

/**
 * A disk that allocates whole blocks: an append is refused (0) unless the blocks it reaches into
 * are free. `onAppend` runs before each append, so a test can free space part-way, as a service
 * removing old files does.
 */
function fakeDisk(freeBytes: number, onAppend: (disk: { free: number; appends: number[] }, size: number) => void = () => undefined) {
  const disk = { free: freeBytes, appends: [] as number[], size: 0 };
  const append = async (size: number): Promise<number> => {
    onAppend(disk, size);
    const slack = (BLOCK - (disk.size % BLOCK)) % BLOCK;
    const needed = Math.ceil(Math.max(0, size - slack) / BLOCK) * BLOCK;
    if (needed > disk.free) return 0;
    disk.free -= needed;
    disk.size += size;
    disk.appends.push(size);
    return size;
  };
  return { disk, append };
}

test('fills a disk to its last byte with big writes, then one block and byte writes for the rounding only', async () => {
  const { disk, append } = fakeDisk(3 * MIB + 5 * BLOCK);
  expect(await writeUntilFull(append)).toBe(3 * MIB + 5 * BLOCK);
  expect(disk.free).toBe(0);
  expect(disk.appends.filter((s) => s === MIB)).toHaveLength(3);
  expect(disk.appends.filter((s) => s === BLOCK)).toHaveLength(5);
});

test('space freed while the last block is topped off byte by byte is taken with big writes again, not a byte at a time', async () => {
  let freed = false;
  const { disk, append } = fakeDisk(2 * MIB + 3 * BLOCK, (d, size) => {
    // The moment the byte writes begin (the disk looked full), the service frees 10 MiB.
    if (!freed && size === 1) {
      freed = true;
      d.free += 10 * MIB;
    }
  });
  const written = await writeUntilFull(append);
  expect(freed).toBe(true);
  expect(disk.free).toBe(0);
  expect(written).toBe(disk.appends.reduce((a, b) => a + b, 0));
  // Byte by byte the 10 MiB would take ten million appends; big writes take about ten.
  expect(disk.appends.length).toBeLessThan(BLOCK + 300);
  expect(disk.appends.filter((s) => s === MIB).length).toBeGreaterThanOrEqual(11);
});

test('a service that frees space without end does not keep the filler writing: it returns and leaves the rest to the keep-full loop', async () => {
  const { disk, append } = fakeDisk(MIB, (d) => {
    if (d.appends.at(-1) === BLOCK) d.free += 2 * MIB;
  });
  await writeUntilFull(append);
  expect(disk.appends.length).toBeLessThan(10_000);
});
