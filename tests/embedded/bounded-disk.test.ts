import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { fillDisk, freeBytes, freeDisk } from '../../src/targets/disk-filler';
import { mountBoundedDisk, unmountBoundedDisks } from '../../src/targets/embedded/bounded-disk';
import { mountsUnder } from '../../src/targets/mount-points';

const MIB = 1_048_576;

test.skip(process.getuid?.() !== 0, 'mounting a bounded disk needs root');

let root: string;
test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'k2-bounded-disk-'));
});
test.afterEach(async () => {
  await unmountBoundedDisks(root);
  await rm(root, { recursive: true, force: true });
});

test('a bounded disk holds its size and no more; filling it refuses the next write, freeing it takes it back', async () => {
  const dir = join(root, 'with space', 'data');
  await mountBoundedDisk(dir, 4 * MIB);
  await mountBoundedDisk(dir, 4 * MIB);
  expect(await mountsUnder(root)).toEqual([dir]);
  expect(await freeBytes(dir)).toBe(4 * MIB);

  const { filledBytes } = await fillDisk(dir);
  expect(filledBytes).toBe(4 * MIB);
  expect(await freeBytes(dir)).toBe(0);
  await expect(writeFile(join(dir, 'segment.log'), 'x')).rejects.toMatchObject({ code: 'ENOSPC' });
  await fillDisk(dir);

  await freeDisk(dir);
  await freeDisk(dir);
  expect(await freeBytes(dir)).toBe(4 * MIB);
  await writeFile(join(dir, 'segment.log'), 'x');
});

test('unmounting takes every bounded disk under a folder and only those', async () => {
  const a = join(root, 'a');
  const b = join(root, 'a', 'b');
  await mountBoundedDisk(a, MIB);
  await mountBoundedDisk(b, MIB);
  expect(await mountsUnder(root)).toEqual([b, a]);
  expect(await mountsUnder(join(root, 'a2'))).toEqual([]);
  await unmountBoundedDisks(root);
  expect(await mountsUnder(root)).toEqual([]);
  expect(await readdir(root)).toEqual(['a']);
});

test('a size below 1 MiB is refused with the folder named', async () => {
  await expect(mountBoundedDisk(join(root, 'tiny'), 4_096)).rejects.toThrow(`a bounded disk needs at least 1 MiB, got 4096 bytes for ${join(root, 'tiny')}`);
});

test('filling refuses a folder that is not a file system of its own, so it can never fill the machine\'s disk', async () => {
  const plain = join(root, 'plain');
  await mkdir(plain);
  await expect(fillDisk(plain)).rejects.toThrow(`will not fill ${plain}: it is not a file system of its own`);
  expect(await readdir(plain)).toEqual([]);
});
