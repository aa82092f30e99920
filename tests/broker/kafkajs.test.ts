import { expect, test } from '@playwright/test';
import { CompressionTypes } from 'kafkajs';
import { inProcessBroker } from './broker-harness';

test.describe('kafkajs against the embedded broker', () => {
  test('admin creates, describes and deletes topics; producer and consumer round-trip records', async () => {
    const broker = await inProcessBroker();
    const admin = broker.kafka.admin();
    const producer = broker.kafka.producer();
    const consumer = broker.kafka.consumer({ groupId: 'roundtrip', maxWaitTimeInMs: 200 });
    try {
      await admin.connect();
      expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] })).toBe(true);
      expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] })).toBe(false);
      const meta = await admin.fetchTopicMetadata({ topics: ['orders'] });
      expect(meta.topics[0]!.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1]);

      await producer.connect();
      for (const acks of [1, -1, 0]) {
        await producer.send({ topic: 'orders', acks, messages: [0, 1].map((partition) => ({ partition, key: `k${acks}`, value: `acks=${acks} p=${partition}` })) });
      }
      await expect.poll(async () => (await admin.fetchTopicOffsets('orders')).map((o) => Number(o.high))).toEqual([3, 3]);

      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic: 'orders', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ partition, message }) => { seen.push(`${partition}:${message.offset}:${message.value}`); } });
      await expect.poll(() => seen.length, { timeout: 30_000 }).toBe(6);
      expect(seen.filter((s) => s.startsWith('0:')).sort()).toEqual(['0:0:acks=1 p=0', '0:1:acks=-1 p=0', '0:2:acks=0 p=0']);
      await expect.poll(async () => {
        const offsets = await admin.fetchOffsets({ groupId: 'roundtrip', topics: ['orders'] });
        return offsets[0]!.partitions.map((p) => Number(p.offset)).sort();
      }, { timeout: 30_000 }).toEqual([3, 3]);
      const groups = await admin.listGroups();
      expect(groups.groups).toContainEqual({ groupId: 'roundtrip', protocolType: 'consumer' });
      const described = await admin.describeGroups(['roundtrip']);
      expect(described.groups[0]!.state).toBe('Stable');
      expect(described.groups[0]!.members).toHaveLength(1);

      await consumer.disconnect();
      expect((await admin.describeGroups(['roundtrip'])).groups[0]!.state).toBe('Empty');
      await admin.deleteTopics({ topics: ['orders'] });
      expect(await admin.listTopics()).not.toContain('orders');
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
      await broker.dispose();
    }
  });

  test('stores compressed batches as they are and serves them back to consumers', async () => {
    const broker = await inProcessBroker({ defaultPartitions: 1 });
    const producer = broker.kafka.producer();
    const consumer = broker.kafka.consumer({ groupId: 'gzip-reader', maxWaitTimeInMs: 100 });
    try {
      await producer.connect();
      const values = Array.from({ length: 50 }, (_, i) => `{"trade_id":${i},"pad":"${'y'.repeat(100)}"}`);
      await producer.send({ topic: 'zipped', compression: CompressionTypes.GZIP, messages: values.map((value) => ({ value })) });
      const segment = broker.core.topics.partition('zipped', 0)!;
      expect(segment.nextOffset).toBe(50);
      const stored = segment.read(0, 1 << 20);
      expect(stored.ok && stored.records.includes(Buffer.from('trade_id'))).toBe(false);
      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic: 'zipped', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => { seen.push(String(message.value)); } });
      await expect.poll(() => seen.length, { timeout: 30_000 }).toBe(50);
      expect(seen).toEqual(values);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await broker.dispose();
    }
  });

  test('auto-creates topics with the default partition count, and refuses unknown topics when auto-create is off', async () => {
    const on = await inProcessBroker({ defaultPartitions: 4 });
    const off = await inProcessBroker({ autoCreateTopics: false });
    try {
      const producer = on.kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'market.crypto.trades.binance.raw', messages: [{ value: '{}' }] });
      await producer.disconnect();
      const admin = on.kafka.admin();
      await admin.connect();
      const meta = await admin.fetchTopicMetadata({ topics: ['market.crypto.trades.binance.raw'] });
      expect(meta.topics[0]!.partitions).toHaveLength(4);
      await admin.disconnect();

      const strict = off.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 1 } });
      await strict.connect();
      await expect(strict.send({ topic: 'nowhere', messages: [{ value: 'x' }] })).rejects.toThrow(/does not host this topic-partition|UNKNOWN_TOPIC/i);
      await strict.disconnect();
    } finally {
      await on.dispose();
      await off.dispose();
    }
  });

  test('a consumer group of two members rebalances when one leaves, and the other takes every partition', async () => {
    const broker = await inProcessBroker();
    const admin = broker.kafka.admin();
    const producer = broker.kafka.producer();
    const consumers = [0, 1].map(() => broker.kafka.consumer({ groupId: 'pair', sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 200 }));
    const assigned = [new Set<number>(), new Set<number>()];
    const seen = new Set<string>();
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'pairs', numPartitions: 4 }] });
      for (const [i, c] of consumers.entries()) {
        await c.connect();
        c.on(c.events.GROUP_JOIN, (e) => {
          assigned[i] = new Set(e.payload.memberAssignment['pairs'] ?? []);
        });
        await c.subscribe({ topic: 'pairs', fromBeginning: true });
        await c.run({ eachMessage: async ({ message }) => { seen.add(String(message.value)); } });
      }
      await expect.poll(() => [assigned[0]!.size, assigned[1]!.size], { timeout: 60_000 }).toEqual([2, 2]);
      expect(new Set([...assigned[0]!, ...assigned[1]!]).size).toBe(4);
      const before = (await admin.describeGroups(['pair'])).groups[0]!;
      expect(before.members).toHaveLength(2);

      await consumers[1]!.disconnect();
      await expect.poll(() => assigned[0]!.size, { timeout: 60_000 }).toBe(4);
      const after = (await admin.describeGroups(['pair'])).groups[0]!;
      expect(after.members).toHaveLength(1);

      await producer.connect();
      await producer.send({ topic: 'pairs', messages: [0, 1, 2, 3].map((partition) => ({ partition, value: `m${partition}` })) });
      await expect.poll(() => seen.size, { timeout: 30_000 }).toBe(4);
    } finally {
      for (const c of consumers) await c.disconnect();
      await producer.disconnect();
      await admin.disconnect();
      await broker.dispose();
    }
  });
});
