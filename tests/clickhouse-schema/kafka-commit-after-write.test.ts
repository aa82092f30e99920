import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { applyClickHouseSchema } from '../../stack/clickhouse/schema';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { EXCHANGES } from '../../src/stack/names';
import { fillDisk, freeDisk } from '../../src/targets/disk-filler';
import { committedTotal, inProcessBroker } from '../broker/broker-harness';
import { startPrivateClickHouse } from '../support/private-clickhouse';
import { queryRows, rawTrade, TEST_SYMBOLS } from './trade-rows';

/**
 * ClickHouse 18.16's Kafka engine commits what a stream read before its insert writes it, unless
 * the insert writes each block as it comes (stack/clickhouse/users.d/k2-kafka-commit-after-write.xml).
 * A full data disk makes the write fail at the worst moment, every time: the first test shows the
 * stack's settings keep every trade through it, the second that without them the block is lost
 * (the seeded defect clickhouse-commits-before-write), so the first can fail.
 */
const COMMIT_AFTER_WRITE = 'k2-kafka-commit-after-write.xml';
const TOPIC = REFERENCE_MANIFEST.kafka.rawTopics.binance;
const GROUP = REFERENCE_MANIFEST.kafka.consumerGroups.binance;
const BATCH = 200;

test.skip(process.getuid?.() !== 0, 'a disk of its own for ClickHouse\'s data needs root (loop mount)');

for (const withSetting of [true, false]) {
  const title = withSetting
    ? 'with the stack settings, a Kafka block whose write a full disk refuses is read again once space is freed: bronze and silver keep every trade'
    : 'without k2-kafka-commit-after-write.xml, ClickHouse 18.16 commits a block before writing it: a block a full disk refuses is lost from bronze and silver';
  test(title, async () => {
    test.setTimeout(240_000);
    const broker = await inProcessBroker();
    await using ch = await startPrivateClickHouse({ stackSettings: true, leaveOut: withSetting ? [] : [COMMIT_AFTER_WRITE], dataDiskBytes: 256 * 1_048_576 });
    const kafka = new Kafka({ clientId: 'commit-after-write', brokers: broker.bootstrap, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: EXCHANGES.map((e) => ({ topic: REFERENCE_MANIFEST.kafka.rawTopics[e], numPartitions: 1 })) });
    await admin.disconnect();
    await applyClickHouseSchema(ch.client, { brokers: broker.bootstrap, kafkaMaxBlockSize: 50 });
    const producer = kafka.producer();
    await producer.connect();
    let next = 1;
    const produce = async () => {
      const ids = Array.from({ length: BATCH }, () => next++);
      await producer.send({ topic: TOPIC, acks: -1, messages: ids.map((id) => ({ key: TEST_SYMBOLS.binance, value: JSON.stringify(rawTrade('binance', id)) })) });
    };
    const distinct = async () => {
      const [row] = await queryRows<{ bronze: string; silver: string }>(ch.client,
        'SELECT (SELECT uniqExact(trade_id) FROM k2.bronze_trades_binance) AS bronze, (SELECT uniqExact(trade_id) FROM k2.silver_trades) AS silver');
      return `bronze ${row!.bronze}, silver ${row!.silver}`;
    };
    // 18.16 logs each failed stream as "... File access error: no space left on device: <part>".
    const refusedWrites = () => readFileSync(join(ch.dir, 'log', 'clickhouse-server.err.log'), 'utf8').split('\n')
      .filter((line) => line.includes('StorageKafka') && /no space left on device/i.test(line)).length;
    try {
      await produce();
      await expect.poll(distinct, { timeout: 60_000, intervals: [500] }).toBe(`bronze ${BATCH}, silver ${BATCH}`);
      await expect.poll(() => committedTotal(broker.bootstrap, GROUP, TOPIC), { timeout: 30_000, intervals: [500] }).toBe(BATCH);

      const { filledBytes } = await fillDisk(ch.dataDir);
      expect(filledBytes).toBeGreaterThan(0);
      await produce();
      // The fault reached the write: ClickHouse logged the refused write.
      await expect.poll(refusedWrites, { timeout: 60_000, intervals: [500] }).toBeGreaterThan(0);
      if (withSetting) {
        // Nothing written, nothing committed: the consumer rejoins and reads the block again.
        expect(await committedTotal(broker.bootstrap, GROUP, TOPIC)).toBe(BATCH);
        await freeDisk(ch.dataDir);
        await expect.poll(distinct, { timeout: 60_000, intervals: [500] }).toBe(`bronze ${2 * BATCH}, silver ${2 * BATCH}`);
        await expect.poll(() => committedTotal(broker.bootstrap, GROUP, TOPIC), { timeout: 30_000, intervals: [500] }).toBe(2 * BATCH);
      } else {
        // The block's offsets were committed before its write failed: it is never read again.
        await expect.poll(() => committedTotal(broker.bootstrap, GROUP, TOPIC), { timeout: 30_000, intervals: [500] }).toBe(2 * BATCH);
        await freeDisk(ch.dataDir);
        await produce();
        await expect.poll(distinct, { timeout: 60_000, intervals: [500] }).toBe(`bronze ${2 * BATCH}, silver ${2 * BATCH}`);
        const [lost] = await queryRows<{ n: string }>(ch.client, `SELECT count() AS n FROM k2.bronze_trades_binance WHERE trade_id BETWEEN ${BATCH + 1} AND ${2 * BATCH}`);
        expect(Number(lost!.n)).toBe(0);
      }
    } finally {
      await producer.disconnect();
      await broker.dispose();
    }
  });
}
