import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startBroker, type RunningBroker } from '../../services/broker/broker';
import { committedTotal, kafkaFor, tempDir } from './broker-harness';
import { freePort } from '../../src/targets/embedded/free-port';
import { startPrivateClickHouse, type PrivateClickHouse } from '../support/private-clickhouse';

const TOPIC = 'market.crypto.trades.testex.raw';
const GROUP = 'clickhouse_bronze_testex';

async function produceTrades(bootstrap: string[], from: number, count: number): Promise<void> {
  const producer = kafkaFor(bootstrap).producer();
  await producer.connect();
  const messages = Array.from({ length: count }, (_, i) => ({
    value: JSON.stringify({ trade_id: from + i, symbol: 'BTCUSDT', price: 50_000 + i, ts: '2026-11-28 12:00:00' }),
  }));
  await producer.send({ topic: TOPIC, acks: -1, messages });
  await producer.disconnect();
}

async function countRows(ch: PrivateClickHouse): Promise<{ rows: number; distinct: number }> {
  const result = await ch.client.query({ query: 'SELECT count() AS rows, uniqExact(trade_id) AS distinct FROM bronze_trades', format: 'JSONEachRow' });
  const [row] = await result.json<{ rows: string; distinct: string }>();
  return { rows: Number(row!.rows), distinct: Number(row!.distinct) };
}

test.describe('ClickHouse 18.16 Kafka engine against the embedded broker', () => {
  test('a Kafka table with a materialized view ingests JSONEachRow and resumes from committed offsets after a broker restart', async () => {
    test.setTimeout(300_000);
    const dataDir = tempDir('clickhouse-broker');
    const port = await freePort('127.0.0.1');
    const listeners = [{ host: '127.0.0.1', port }];
    let broker: RunningBroker | undefined = await startBroker({ dataDir, listeners });
    // 18.16 leaves librdkafka's default (latest) for a group without offsets; the first rows predate the group.
    const ch = await startPrivateClickHouse({ kafka: { auto_offset_reset: 'smallest' } });
    try {
      await produceTrades(broker.bootstrap, 0, 100);
      await ch.client.command({ query: 'CREATE TABLE bronze_trades (trade_id UInt64, symbol String, price Float64, ts DateTime) ENGINE = MergeTree() ORDER BY trade_id' });
      await ch.client.command({
        query: `CREATE TABLE trades_queue (trade_id UInt64, symbol String, price Float64, ts DateTime) ENGINE = Kafka('127.0.0.1:${port}', '${TOPIC}', '${GROUP}', 'JSONEachRow')`,
      });
      await ch.client.command({ query: 'CREATE MATERIALIZED VIEW trades_mv TO bronze_trades AS SELECT * FROM trades_queue' });
      await expect.poll(() => countRows(ch), { timeout: 120_000, intervals: [1_000] }).toEqual({ rows: 100, distinct: 100 });
      await expect.poll(() => committedTotal(broker!.bootstrap, GROUP, TOPIC), { timeout: 60_000, intervals: [1_000] }).toBe(100);
      const described = await (async () => {
        const admin = kafkaFor(broker!.bootstrap).admin();
        await admin.connect();
        const groups = await admin.describeGroups([GROUP]);
        await admin.disconnect();
        return groups.groups[0]!;
      })();
      expect(described.state).toBe('Stable');

      await broker.close();
      broker = await startBroker({ dataDir, listeners });
      await produceTrades(broker.bootstrap, 100, 100);
      await expect.poll(() => countRows(ch), { timeout: 180_000, intervals: [1_000] }).toEqual({ rows: 200, distinct: 200 });
    } finally {
      await ch.stop();
      await broker?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
