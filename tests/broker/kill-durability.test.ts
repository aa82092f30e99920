import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { boundAddress, inProcessBroker, spawnBrokerCli, tempDir } from './broker-harness';

const ROUNDS = 6;
const PARTITIONS = 3;

test.describe('durability under kill -9', () => {
  test('every record acknowledged with acks=-1 survives SIGKILLs at random moments, once and in order', async () => {
    test.setTimeout(240_000);
    const dataDir = tempDir('kill');
    const acked = new Map<string, number>();
    let sequence = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const broker = spawnBrokerCli(['--data-dir', dataDir, '--listen', '127.0.0.1:0', '--default-partitions', String(PARTITIONS)]);
        const address = await boundAddress(broker);
        const kafka = new Kafka({ clientId: `kill-${round}`, brokers: [address], logLevel: logLevel.NOTHING, connectionTimeout: 1_000, requestTimeout: 5_000, retry: { retries: 0 } });
        const producer = kafka.producer({ retry: { retries: 0 }, allowAutoTopicCreation: true });
        await producer.connect();
        let stop = false;
        const killAfterMs = 150 + Math.floor(Math.random() * 600);
        const killer = new Promise<void>((resolve) => setTimeout(() => { stop = true; broker.child.kill('SIGKILL'); resolve(); }, killAfterMs));
        const senders = Array.from({ length: PARTITIONS }, async (_, partition) => {
          while (!stop) {
            const values = Array.from({ length: 20 }, () => `${partition}:${sequence++}`);
            try {
              await producer.send({ topic: 'ledger', acks: -1, messages: values.map((value) => ({ partition, value })) });
              for (const v of values) acked.set(v, partition);
            } catch {
              return;
            }
          }
        });
        await killer;
        await Promise.all(senders);
        await producer.disconnect().catch(() => undefined);
        expect(await broker.exited).toBe('SIGKILL');
      }
      expect(acked.size).toBeGreaterThan(0);

      const broker = await inProcessBroker({ dataDir });
      const consumer = broker.kafka.consumer({ groupId: 'audit', maxWaitTimeInMs: 100 });
      const seen = new Map<number, { value: string; offset: number }[]>();
      await consumer.connect();
      await consumer.subscribe({ topic: 'ledger', fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (!seen.has(partition)) seen.set(partition, []);
          seen.get(partition)!.push({ value: String(message.value), offset: Number(message.offset) });
        },
      });
      const total = () => [...seen.values()].reduce((n, list) => n + list.length, 0);
      const admin = broker.kafka.admin();
      await admin.connect();
      const ends = (await admin.fetchTopicOffsets('ledger')).reduce((n, p) => n + Number(p.high), 0);
      await admin.disconnect();
      await expect.poll(total, { timeout: 60_000 }).toBe(ends);
      await consumer.disconnect();
      await broker.dispose();

      const counts = new Map<string, number>();
      for (const [partition, list] of seen) {
        const ordinals = list.map((r) => Number(r.value.split(':')[1]));
        expect(ordinals, `partition ${partition} in send order`).toEqual([...ordinals].sort((a, b) => a - b));
        expect(list.map((r) => r.offset)).toEqual(list.map((_, i) => i));
        // One expect per record would be slow (each captures a stack): collect, then assert once.
        expect(list.filter((r) => Number(r.value.split(':')[0]) !== partition)).toEqual([]);
        for (const r of list) counts.set(r.value, (counts.get(r.value) ?? 0) + 1);
      }
      const lost = [...acked.keys()].filter((v) => !counts.has(v));
      const duplicated = [...counts].filter(([, n]) => n > 1).map(([v]) => v);
      expect(lost).toEqual([]);
      expect(duplicated).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
