import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type RunningBroker } from '../../services/broker/broker';
import { applyClickHouseSchema } from '../../stack/clickhouse/schema';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { EXCHANGES, type Exchange } from '../../src/stack/names';
import { startPrivateClickHouse, type PrivateClickHouse } from '../support/private-clickhouse';
import { queryRows, rawTrade, TEST_SYMBOLS } from './trade-rows';

const TRADES_PER_EXCHANGE = 500;

let ch: PrivateClickHouse;
let broker: RunningBroker;
let brokerDir: string;
test.beforeAll(async () => {
  brokerDir = mkdtempSync(join(tmpdir(), 'k2-broker-'));
  broker = await startBroker({ dataDir: brokerDir, listeners: [{ host: '127.0.0.1', port: 0 }] });
  ch = await startPrivateClickHouse({ stackSettings: true });
});
test.afterAll(async () => {
  await ch?.stop();
  await broker?.close();
  if (brokerDir) rmSync(brokerDir, { recursive: true, force: true });
});

test('raw trades produced to the broker reach bronze, silver and gold through the Kafka engine', async () => {
  // One client per topic, the way each feed handler has its own.
  const kafkaFor = () => new Kafka({ clientId: 'schema-test', brokers: broker.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
  for (const exchange of EXCHANGES) {
    const admin = kafkaFor().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: REFERENCE_MANIFEST.kafka.rawTopics[exchange], numPartitions: 2 }] });
    await admin.disconnect();
  }
  await applyClickHouseSchema(ch.client, { brokers: broker.bootstrap });

  for (const exchange of EXCHANGES) {
    const producer = kafkaFor().producer();
    await producer.connect();
    const ids = Array.from({ length: TRADES_PER_EXCHANGE }, (_, i) => i + 1);
    // The second half is sent twice, the way a feed handler resends after a broker outage.
    const sends = [...ids, ...ids.slice(TRADES_PER_EXCHANGE / 2)];
    await producer.send({
      topic: REFERENCE_MANIFEST.kafka.rawTopics[exchange],
      acks: -1,
      messages: sends.map((id) => ({ key: TEST_SYMBOLS[exchange], value: JSON.stringify(rawTrade(exchange, id)) })),
    });
    await producer.disconnect();
  }

  const expectedBronze = TRADES_PER_EXCHANGE * 1.5;
  await expect
    .poll(async () => {
      const rows = await queryRows<{ n: string }>(ch.client, `SELECT count() AS n FROM k2.silver_trades`);
      return Number(rows[0]!.n);
    }, { timeout: 60_000, intervals: [500] })
    .toBe(expectedBronze * 3);

  for (const exchange of EXCHANGES) {
    const [bronze] = await queryRows<{ n: string; ids: string; max: string }>(
      ch.client,
      `SELECT count() AS n, uniqExact(trade_id) AS ids, max(trade_id) AS max FROM k2.bronze_trades_${exchange}`,
    );
    expect([Number(bronze!.n), Number(bronze!.ids), Number(bronze!.max)]).toEqual([expectedBronze, TRADES_PER_EXCHANGE, TRADES_PER_EXCHANGE]);
  }
  const silver = await queryRows<{ exchange: string; n: string; ids: string; canonical: string }>(
    ch.client,
    'SELECT exchange, count() AS n, uniqExact(trade_id) AS ids, any(canonical_symbol) AS canonical FROM k2.silver_trades FINAL GROUP BY exchange ORDER BY exchange',
  );
  expect(silver.map((r) => [r.exchange, Number(r.n), Number(r.ids), r.canonical])).toEqual([
    ['binance', TRADES_PER_EXCHANGE, TRADES_PER_EXCHANGE, 'ETH/USDT'],
    ['coinbase', TRADES_PER_EXCHANGE, TRADES_PER_EXCHANGE, 'ETH/USD'],
    ['kraken', TRADES_PER_EXCHANGE, TRADES_PER_EXCHANGE, 'ETH/USD'],
  ]);
  const gold = await queryRows<{ exchange: string; trades: string; volume: number }>(
    ch.client,
    'SELECT exchange, sum(trade_count) AS trades, sum(volume) AS volume FROM k2.ohlcv_1m_final GROUP BY exchange ORDER BY exchange',
  );
  expect(gold.map((g) => [g.exchange, Number(g.trades), Number(g.volume)])).toEqual(
    ['binance', 'coinbase', 'kraken'].map((e) => [e, TRADES_PER_EXCHANGE, TRADES_PER_EXCHANGE * 0.5]),
  );
});
