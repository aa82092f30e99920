import { fdatasync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { OffsetStore } from '../../services/broker/groups/offset-store';
import { StorageError } from '../../services/broker/log/storage-error';
import { fillDisk, freeDisk } from '../../src/targets/disk-filler';
import { diskImageOf, mountBoundedDisk, unmountBoundedDisks } from '../../src/targets/embedded/bounded-disk';
import { runCommand } from '../../src/targets/embedded/run-command';
import { checkExt4, makeExt4ReadOnly } from '../../src/targets/ext4-disk';
import { inProcessBroker } from './broker-harness';

test.skip(process.getuid?.() !== 0, 'a bounded disk needs root to mount');

let root: string;
let disk: string;
test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'k2-broker-disk-'));
  disk = join(root, 'data');
  await mountBoundedDisk(disk, 8 * 1_048_576);
});
test.afterEach(async () => {
  await unmountBoundedDisks(root);
  await rm(root, { recursive: true, force: true });
});

const noRetries = (brokers: string[]) => new Kafka({ clientId: 'disk-full', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
const send = (producer: Producer, value: string) => producer.send({ topic: 'ledger', acks: -1, messages: [{ partition: 0, value }] });

/** Every value on partition 0 of `ledger`, read back by a fresh broker on the same data. */
async function readBack(dataDir: string): Promise<string[]> {
  const broker = await inProcessBroker({ dataDir });
  try {
    const admin = broker.kafka.admin();
    await admin.connect();
    const high = Number((await admin.fetchTopicOffsets('ledger')).find((p) => p.partition === 0)!.high);
    await admin.disconnect();
    const consumer = broker.kafka.consumer({ groupId: `audit-${Date.now()}`, maxWaitTimeInMs: 50 });
    const values: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'ledger', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => { values.push(String(message.value)); } });
    await expect.poll(() => values.length, { timeout: 30_000 }).toBe(high);
    await consumer.disconnect();
    return values;
  } finally {
    await broker.dispose();
  }
}

test('a produce the full disk refuses is answered KAFKA_STORAGE_ERROR and kept nowhere; once space is back, every acknowledged record is there once', async () => {
  const broker = await inProcessBroker({ dataDir: disk, defaultPartitions: 1 });
  const acked: string[] = [];
  try {
    const producer = noRetries(broker.bootstrap).producer({ allowAutoTopicCreation: true, retry: { retries: 0 } });
    await producer.connect();
    for (let i = 0; i < 20; i++) { await send(producer, `before-${i}`); acked.push(`before-${i}`); }

    await fillDisk(disk);
    // Bigger than a page, so it cannot fit in what is left of the log's last page.
    const refused = await send(producer, 'refused'.padEnd(16_384, '.')).then(() => 'acknowledged', // kafkajs wraps the broker's answer once its (zero) retries are spent.
      (error: { cause?: { type?: string } }) => error.cause?.type);
    expect(refused).toBe('KAFKA_STORAGE_ERROR');
    expect(broker.core.metrics.registry.render()).toMatch(/k2_broker_storage_errors_total 1\b/);

    await freeDisk(disk);
    for (let i = 0; i < 20; i++) { await send(producer, `after-${i}`); acked.push(`after-${i}`); }
    await producer.disconnect();
  } finally {
    await broker.dispose();
  }
  // A fresh broker on the same files: no torn batch where the refused write was, nothing lost.
  expect(await readBack(disk)).toEqual(acked);
});

test('a produce on a disk gone read-only is answered KAFKA_STORAGE_ERROR; after the repair every acknowledged record is there once', async () => {
  const broker = await inProcessBroker({ dataDir: disk, defaultPartitions: 1 });
  const acked: string[] = [];
  try {
    const producer = noRetries(broker.bootstrap).producer({ allowAutoTopicCreation: true, retry: { retries: 0 } });
    await producer.connect();
    for (let i = 0; i < 20; i++) { await send(producer, `before-${i}`); acked.push(`before-${i}`); }
    await makeExt4ReadOnly(disk);
    const refused = await send(producer, 'refused').then(() => 'acknowledged', (error: { cause?: { type?: string } }) => error.cause?.type);
    expect(refused).toBe('KAFKA_STORAGE_ERROR');
    await producer.disconnect();
  } finally {
    await broker.dispose();
  }
  // The operator's repair: unmount, check (the aborted journal is replayed), mount again.
  await runCommand('umount', [disk]);
  await checkExt4(diskImageOf(disk));
  await mountBoundedDisk(disk, 8 * 1_048_576);
  expect(await readBack(disk)).toEqual(acked);
});

test('with the seeded defect the refused produce is acknowledged, and the record is not on disk', async () => {
  const broker = await inProcessBroker({ dataDir: disk, defaultPartitions: 1, acksRefusedWrites: true });
  try {
    const producer = noRetries(broker.bootstrap).producer({ allowAutoTopicCreation: true, retry: { retries: 0 } });
    await producer.connect();
    await send(producer, 'kept');
    await fillDisk(disk);
    await send(producer, 'acknowledged but refused'.padEnd(16_384, '.'));
    await freeDisk(disk);
    await producer.disconnect();
  } finally {
    await broker.dispose();
  }
  expect(await readBack(disk)).toEqual(['kept']);
});

test('an offset commit the full disk refuses rejects and leaves the offsets file whole', async () => {
  const file = join(disk, 'groups', 'offsets.jsonl');
  const store = new OffsetStore(file);
  try {
    await store.commit('g', [{ topic: 't', partition: 0, offset: 10, metadata: null }]);
    await fillDisk(disk);
    // Bigger than what is left of the file's last page, so part of it could land before ENOSPC.
    await expect(store.commit('g', [{ topic: 't', partition: 0, offset: 20, metadata: 'x'.repeat(16_384) }])).rejects.toBeInstanceOf(StorageError);
    expect(store.get('g', 't', 0)?.offset).toBe(10);
    await freeDisk(disk);
    await store.commit('g', [{ topic: 't', partition: 1, offset: 5, metadata: null }]);
  } finally {
    await store.close();
  }
  const reopened = new OffsetStore(file);
  expect([reopened.get('g', 't', 0)?.offset, reopened.get('g', 't', 1)?.offset]).toEqual([10, 5]);
  await reopened.close();
});

test('an offset commit whose fsync fails is refused as a storage error and not handed out; the committed offset stays', async () => {
  const file = join(disk, 'groups', 'offsets.jsonl');
  let failSync = false;
  const eio = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO', syscall: 'fdatasync', errno: -5 });
  const store = new OffsetStore(file, (fd, callback) => { if (failSync) setImmediate(() => callback(eio)); else fdatasync(fd, callback); });
  try {
    await store.commit('g', [{ topic: 't', partition: 0, offset: 10, metadata: null }]);
    failSync = true;
    await expect(store.commit('g', [{ topic: 't', partition: 0, offset: 20, metadata: null }])).rejects.toBeInstanceOf(StorageError);
    expect(store.get('g', 't', 0)?.offset).toBe(10);
    failSync = false;
    await store.commit('g', [{ topic: 't', partition: 1, offset: 5, metadata: null }]);
    expect([store.get('g', 't', 0)?.offset, store.get('g', 't', 1)?.offset]).toEqual([10, 5]);
  } finally {
    await store.close();
  }
});
