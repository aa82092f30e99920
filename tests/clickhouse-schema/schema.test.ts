import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { applyClickHouseSchema, clickhouseSchemaStatements, LEGACY_DIALECT, MODERN_DIALECT, serverDialect } from '../../stack/clickhouse/schema';
import { COMPOSE_BROKERS, renderSchemaSql } from '../../stack/clickhouse/render';
import { startPrivateClickHouse, type PrivateClickHouse } from '../support/private-clickhouse';
import { bronzeRow, insertBronze, queryRows } from './trade-rows';

test.describe.configure({ mode: 'serial' });

let ch: PrivateClickHouse;
test.beforeAll(async () => {
  ch = await startPrivateClickHouse({ stackSettings: true });
});
test.afterAll(async () => {
  await ch?.stop();
});

const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);

test('applies twice on ClickHouse 18.16 and creates the whole chain', async () => {
  expect(await serverDialect(ch.client)).toEqual(LEGACY_DIALECT);
  // An unreachable broker: the Kafka tables exist but consume nothing.
  await applyClickHouseSchema(ch.client, { brokers: ['127.0.0.1:1'] });
  await applyClickHouseSchema(ch.client, { brokers: ['127.0.0.1:1'] });
  const tables = await queryRows<{ name: string; engine: string }>(ch.client, "SELECT name, engine FROM system.tables WHERE database = 'k2' ORDER BY name");
  const engines = Object.fromEntries(tables.map((t) => [t.name, t.engine]));
  expect(engines).toMatchObject({
    bronze_trades_binance: 'MergeTree',
    bronze_trades_kraken: 'MergeTree',
    bronze_trades_coinbase: 'MergeTree',
    kafka_bronze_trades_binance: 'Kafka',
    kafka_bronze_trades_kraken: 'Kafka',
    kafka_bronze_trades_coinbase: 'Kafka',
    silver_trades: 'ReplacingMergeTree',
    ohlcv_1m: 'AggregatingMergeTree',
    ohlcv_1m_final: 'View',
  });
});

test('re-applying leaves a complete 18.16 chain alone, and re-creates a Kafka table whose brokers changed', async () => {
  const kafkaDdl = async () => (await (await ch.client.query({ query: 'SHOW CREATE TABLE k2.kafka_bronze_trades_kraken', format: 'TabSeparatedRaw' })).text());
  const before = await kafkaDdl();
  expect(before).toContain('127.0.0.1:1');
  const marker = "SELECT metadata_modification_time AS t FROM system.tables WHERE database = 'k2' AND name = 'kafka_bronze_trades_kraken'";
  const stamp = async () => (await queryRows<{ t: string }>(ch.client, marker))[0]!.t;
  const first = await stamp();
  await new Promise((r) => setTimeout(r, 1_100));
  await applyClickHouseSchema(ch.client, { brokers: ['127.0.0.1:1'] });
  expect(await stamp()).toBe(first);
  await applyClickHouseSchema(ch.client, { brokers: ['127.0.0.1:2'] });
  expect(await kafkaDdl()).toContain("kafka_broker_list = '127.0.0.1:2'");
  await applyClickHouseSchema(ch.client, { brokers: ['127.0.0.1:1'] });
});

test('silver keeps a redelivered trade once and gold does not count it twice', async () => {
  const first = [1, 2, 3].map((id) => bronzeRow('BTCUSDT', id, T0 + id * 1_000, [0, 100, 120, 90][id]!, id));
  await insertBronze(ch.client, 'binance', first);
  // The Kafka engine re-reads a block after a restart: trade 2 arrives again.
  await insertBronze(ch.client, 'binance', [first[1]!]);
  await insertBronze(ch.client, 'kraken', [bronzeRow('XBT/USD', 7, T0 + 61_000)]);

  const bronze = await queryRows<{ n: string }>(ch.client, 'SELECT count() AS n FROM k2.bronze_trades_binance');
  expect(Number(bronze[0]!.n)).toBe(4);
  const silver = await queryRows<{ exchange: string; symbol: string; canonical_symbol: string; trade_id: string }>(
    ch.client,
    'SELECT exchange, symbol, canonical_symbol, trade_id FROM k2.silver_trades FINAL ORDER BY exchange, trade_id',
  );
  expect(silver.map((r) => [r.exchange, r.canonical_symbol, Number(r.trade_id)])).toEqual([
    ['binance', 'BTC/USDT', 1],
    ['binance', 'BTC/USDT', 2],
    ['binance', 'BTC/USDT', 3],
    ['kraken', 'BTC/USD', 7],
  ]);
  const gold = await queryRows<Record<string, string | number>>(
    ch.client,
    "SELECT open, high, low, close, volume, trade_count, toUnixTimestamp(window_start) AS w FROM k2.ohlcv_1m_final WHERE exchange = 'binance'",
  );
  expect(gold.map((g) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, Number(v)])))).toEqual([
    { open: 100, high: 120, low: 90, close: 90, volume: 6, trade_count: 3, w: T0 / 1000 },
  ]);
});

test('rendered schema.sql is what schema.ts produces for the compose stack', async () => {
  const checkedIn = readFileSync(new URL('../../stack/clickhouse/schema.sql', import.meta.url), 'utf8');
  expect(checkedIn, 'regenerate: node --import tsx stack/clickhouse/render.ts > stack/clickhouse/schema.sql').toBe(renderSchemaSql(COMPOSE_BROKERS));
  const modern = clickhouseSchemaStatements({ brokers: COMPOSE_BROKERS, dialect: MODERN_DIALECT });
  expect(modern.every((s) => /^CREATE (DATABASE|TABLE|MATERIALIZED VIEW|VIEW) IF NOT EXISTS /.test(s))).toBe(true);
  expect(modern.join('\n')).toContain('toUInt64(_offset)');
});

test('rejects names that are not identifiers and broker lists that are not host:port', async () => {
  const bad = { ...REFERENCE_MANIFEST, clickhouse: { ...REFERENCE_MANIFEST.clickhouse, silverTable: 'silver; DROP' } };
  expect(() => clickhouseSchemaStatements({ brokers: ['b:9092'], manifest: bad })).toThrow(/clickhouse\.silverTable must be a plain ClickHouse identifier/);
  expect(() => clickhouseSchemaStatements({ brokers: [] })).toThrow(/at least one host:port/);
  expect(() => clickhouseSchemaStatements({ brokers: ["b:9092'"] })).toThrow(/is not host:port/);
});
