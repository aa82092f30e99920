import { appendFileSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBroker } from '../../services/broker/broker';
import { CorruptLogError } from '../../services/broker/log/corrupt-log-error';
import { inProcessBroker, spawnBrokerCli, tempDir } from './broker-harness';
import { RawKafka } from './raw-kafka';
import { buildRecordBatch, produceBody, produceResult } from './record-batch-builder';

const PRODUCE = 0;

async function produceValues(address: string, topic: string, batches: string[][]): Promise<number[]> {
  const raw = await RawKafka.open(address);
  const offsets: number[] = [];
  for (const values of batches) offsets.push(produceResult((await raw.request(PRODUCE, 3, produceBody(topic, 0, buildRecordBatch(values))))!).baseOffset);
  raw.close();
  return offsets;
}

async function consumeAll(broker: Awaited<ReturnType<typeof inProcessBroker>>, topic: string, expected: number): Promise<string[]> {
  const consumer = broker.kafka.consumer({ groupId: `read-${Date.now()}`, maxWaitTimeInMs: 100 });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => { seen.push(String(message.value)); } });
  await expect.poll(() => seen.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(expected);
  await consumer.disconnect();
  return seen;
}

test.describe('durable log', () => {
  test('cuts a torn tail on start, keeps every whole batch, and continues the offsets', async () => {
    const dataDir = tempDir('torn');
    try {
      let broker = await inProcessBroker({ dataDir, defaultPartitions: 1 });
      await produceValues(broker.bootstrap[0]!, 'torn', [['a', 'b'], ['c']]);
      await broker.dispose();
      const segment = join(dataDir, 'topics', 'torn-0', '00000000000000000000.log');
      const goodSize = statSync(segment).size;
      appendFileSync(segment, buildRecordBatch(['half-written']).subarray(0, 40));

      broker = await inProcessBroker({ dataDir });
      expect(statSync(segment).size).toBe(goodSize);
      expect(broker.core.topics.truncated.get('torn-0')).toBe(40);
      expect(await produceValues(broker.bootstrap[0]!, 'torn', [['d']])).toEqual([3]);
      expect(await consumeAll(broker, 'torn', 4)).toEqual(['a', 'b', 'c', 'd']);
      await broker.dispose();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('refuses to start on damage inside a segment, naming the file and byte position', async () => {
    const dataDir = tempDir('corrupt');
    try {
      const broker = await inProcessBroker({ dataDir, defaultPartitions: 1 });
      await produceValues(broker.bootstrap[0]!, 'bad', [['one'], ['two'], ['three']]);
      await broker.dispose();
      const segment = join(dataDir, 'topics', 'bad-0', '00000000000000000000.log');
      const firstBatchSize = readFileSync(segment).readInt32BE(8) + 12;
      const fd = openSync(segment, 'r+');
      writeSync(fd, Buffer.from([0xff]), 0, 1, firstBatchSize + 70);
      closeSync(fd);

      const error = await startBroker({ dataDir, listeners: [{ host: '127.0.0.1', port: 0 }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptLogError);
      expect((error as CorruptLogError).file).toBe(segment);
      expect((error as CorruptLogError).position).toBe(firstBatchSize);

      const cli = spawnBrokerCli(['--data-dir', dataDir, '--listen', '127.0.0.1:0']);
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toContain(`corrupt log ${segment} at byte ${firstBatchSize}`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('rolls segments with offset indexes, reads across them after a restart, and keeps group offsets', async () => {
    const dataDir = tempDir('segments');
    try {
      let broker = await inProcessBroker({ dataDir, defaultPartitions: 1, segmentBytes: 4096 });
      const batches = Array.from({ length: 200 }, (_, i) => [`record-${i}-${'x'.repeat(100)}`]);
      await produceValues(broker.bootstrap[0]!, 'rolled', batches);
      const admin = broker.kafka.admin();
      await admin.connect();
      await admin.setOffsets({ groupId: 'keeper', topic: 'rolled', partitions: [{ partition: 0, offset: '123' }] });
      await admin.disconnect();
      await broker.dispose();
      const files = readdirSync(join(dataDir, 'topics', 'rolled-0'));
      expect(files.filter((f) => f.endsWith('.log')).length).toBeGreaterThan(5);
      expect(files.filter((f) => f.endsWith('.index')).length).toBe(files.filter((f) => f.endsWith('.log')).length);

      broker = await inProcessBroker({ dataDir, segmentBytes: 4096 });
      const values = await consumeAll(broker, 'rolled', 200);
      expect(values.map((v) => v.split('-')[1])).toEqual(batches.map((_, i) => String(i)));
      const admin2 = broker.kafka.admin();
      await admin2.connect();
      const committed = await admin2.fetchOffsets({ groupId: 'keeper', topics: ['rolled'] });
      expect(committed[0]!.partitions[0]!.offset).toBe('123');
      expect((await admin2.listGroups()).groups.map((g) => g.groupId)).toContain('keeper');
      await admin2.disconnect();
      await broker.dispose();
      expect(existsSync(join(dataDir, 'groups', 'offsets.jsonl'))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
