import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PartitionLog } from '../../services/broker/log/partition-log';
import { mountBoundedDisk, unmountBoundedDisks } from '../../src/targets/embedded/bounded-disk';
import { makeExt4ReadOnly } from '../../src/targets/ext4-disk';
import { buildRecordBatch } from './record-batch-builder';

let root: string;
test.beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'k2-hw-')); });
test.afterEach(async () => {
  await unmountBoundedDisks(root);
  await rm(root, { recursive: true, force: true });
});

const options = (dir: string, visibleBeforeSync = false) => ({ dir, segmentBytes: 1 << 20, maxBatchBytes: 1 << 20, visibleBeforeSync });

test('a written record is readable, and counted in the high watermark, only once it is synced', async () => {
  let durable = 0;
  const log = new PartitionLog({ ...options(join(root, 'p')), onDurable: () => { durable++; } });
  try {
    const first = buildRecordBatch(['a', 'b']);
    log.append(first);
    expect(log.nextOffset).toBe(2);
    // Written, not yet on disk: in range, but nothing to read.
    expect(log.highWatermark).toBe(0);
    expect(log.read(0, 1 << 20)).toMatchObject({ ok: true, highWatermark: 0, records: Buffer.alloc(0) });
    await log.sync();
    expect(log.highWatermark).toBe(2);
    expect(durable).toBeGreaterThanOrEqual(1);
    // A read stops at the high watermark even with later batches written behind it.
    log.append(buildRecordBatch(['c']));
    const read = log.read(0, 1 << 20);
    expect(read).toMatchObject({ ok: true, highWatermark: 2 });
    expect(read.ok && read.records.length).toBe(first.length);
    expect(log.read(3, 1 << 20)).toMatchObject({ ok: true, records: Buffer.alloc(0) });
    expect(log.read(4, 1 << 20)).toMatchObject({ ok: false, outOfRange: true });
  } finally {
    log.close();
  }
});

test('with fsync policy none, records are visible as soon as they are written', () => {
  const log = new PartitionLog(options(join(root, 'p'), true));
  try {
    log.append(buildRecordBatch(['a']));
    expect(log.highWatermark).toBe(1);
  } finally {
    log.close();
  }
});

test('a sync the disk refuses leaves the high watermark where it was: a consumer never reads what a crash would take back', async () => {
  test.skip(process.getuid?.() !== 0, 'a disk of its own needs root');
  const disk = join(root, 'disk');
  await mountBoundedDisk(disk, 16 * 1_048_576);
  const log = new PartitionLog(options(join(disk, 'p')));
  try {
    log.append(buildRecordBatch(['kept']));
    await log.sync();
    await makeExt4ReadOnly(disk);
    // The write may still land in the page cache; its sync cannot.
    try { log.append(buildRecordBatch(['not durable'])); } catch { /* refused outright: as good */ }
    await log.sync().catch(() => undefined);
    expect(log.highWatermark).toBe(1);
  } finally {
    log.close();
  }
});
