import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startBroker, type RunningBroker } from '../../services/broker/broker';
import { StorageError } from '../../services/broker/log/storage-error';
import { committedTotal, kafkaFor, tempDir } from './broker-harness';
import { freePort } from '../../src/targets/embedded/free-port';
import { startPrivateClickHouse } from '../support/private-clickhouse';

const TOPIC = 'market.crypto.trades.testex.raw';
const GROUP = 'clickhouse_bronze_testex';

/**
 * What the broker answers when its disk refuses an offset commit (NOT_COORDINATOR, as Kafka does)
 * must not make ClickHouse 18.16's Kafka engine drop the block it was committing: the disk-fault
 * modes rely on it, and a block dropped there would be counted as the pipeline's loss.
 */
test('ClickHouse 18.16 keeps every trade while the broker refuses its offset commits, and commits them once the broker takes commits again', async () => {
  test.setTimeout(300_000);
  const dataDir = tempDir('clickhouse-commit');
  const port = await freePort('127.0.0.1');
  const broker: RunningBroker = await startBroker({ dataDir, listeners: [{ host: '127.0.0.1', port }] });
  const ch = await startPrivateClickHouse({ kafka: { auto_offset_reset: 'smallest' } });
  const producer = kafkaFor(broker.bootstrap).producer();
  await producer.connect();
  let next = 0;
  const produce = async (count: number) => {
    const messages = Array.from({ length: count }, () => ({ value: JSON.stringify({ trade_id: next++, symbol: 'BTCUSDT', price: 1, ts: '2026-11-28 12:00:00' }) }));
    await producer.send({ topic: TOPIC, acks: -1, messages });
  };
  const rows = async () => {
    const r = await ch.client.query({ query: 'SELECT count() AS rows, uniqExact(trade_id) AS d FROM bronze_trades', format: 'JSONEachRow' });
    const [row] = await r.json<{ rows: string; d: string }>();
    return `${row!.rows}/${row!.d}`;
  };
  try {
    await produce(100);
    await ch.client.command({ query: 'CREATE TABLE bronze_trades (trade_id UInt64, symbol String, price Float64, ts DateTime) ENGINE = MergeTree() ORDER BY trade_id' });
    await ch.client.command({ query: `CREATE TABLE q (trade_id UInt64, symbol String, price Float64, ts DateTime) ENGINE = Kafka('127.0.0.1:${port}', '${TOPIC}', '${GROUP}', 'JSONEachRow')` });
    await ch.client.command({ query: 'CREATE MATERIALIZED VIEW mv TO bronze_trades AS SELECT * FROM q' });
    await expect.poll(rows, { timeout: 120_000, intervals: [1_000] }).toBe('100/100');
    const offsets = broker.core.groups.offsets;
    const commit = offsets.commit.bind(offsets);
    let refused = 0;
    offsets.commit = () => { refused++; return Promise.reject(new StorageError('offsets.jsonl', Object.assign(new Error('EROFS'), { code: 'EROFS', syscall: 'write' }))); };
    await produce(100);
    await expect.poll(rows, { timeout: 60_000, intervals: [1_000] }).toBe('200/200');
    await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThan(0);
    offsets.commit = commit;
    await produce(100);
    await expect.poll(rows, { timeout: 60_000, intervals: [1_000] }).toBe('300/300');
    await expect.poll(() => committedTotal(broker.bootstrap, GROUP, TOPIC), { timeout: 60_000, intervals: [1_000] }).toBe(300);
  } finally {
    await producer.disconnect();
    await ch.stop();
    await broker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
