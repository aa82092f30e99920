import { expect, test } from '@playwright/test';
import { loadManifest } from '../../src/manifest/load-manifest';
import {
  compareBucket, compareClickhouse, compareConnected, compareNetwork, compareServiceState, compareServices,
  compareTopics, compareWatermarks,
} from '../../src/manifest/preflight/preflight-compare';
import { manifestServices } from '../../src/manifest/manifest-services';
import { REFERENCE_MANIFEST as REF } from '../../src/manifest/reference';

const ALL_SERVICES = manifestServices(REF).map((s) => s.service);
const WATERMARK_COLUMNS = Object.values(REF.watermarks.columns);
const clickhouseFacts = () => ({
  databases: ['default', 'system', 'k2'],
  tables: ['bronze_trades_binance', 'bronze_trades_kraken', 'bronze_trades_coinbase', 'silver_trades', 'ohlcv_1m'],
  columns: {
    bronze_trades_binance: ['trade_id', 'price'],
    bronze_trades_kraken: ['trade_id'],
    bronze_trades_coinbase: ['trade_id'],
    silver_trades: ['trade_id', 'exchange'],
    ohlcv_1m: ['window_start'],
  } as Record<string, string[]>,
});

test('every comparison passes on a stack that has every name', () => {
  expect(compareServices(REF, ALL_SERVICES)).toBeUndefined();
  expect(compareNetwork(REF, [{ name: 'k2-net', members: ALL_SERVICES }])).toBeUndefined();
  expect(compareClickhouse(REF, clickhouseFacts())).toBeUndefined();
  expect(compareTopics(REF, [...Object.values(REF.kafka.rawTopics), ...Object.values(REF.kafka.dlqTopics!)])).toBeUndefined();
  expect(compareWatermarks(REF, { tables: ['offload_watermarks'], columns: WATERMARK_COLUMNS })).toBeUndefined();
  expect(compareBucket(REF, ['k2-warehouse'])).toBeUndefined();
});

test('a missing service is named with its role and the project\'s services, nearest first', () => {
  const existing = ALL_SERVICES.filter((s) => s !== 'broker').concat('brokr');
  expect(compareServices(REF, existing, undefined, 'the project "k2-chaos"')?.message).toMatch(/^service \(broker\) "broker" not found; the project "k2-chaos" has "brokr", /);
  expect(compareServices(REF, existing, ['olap', 'feedHandler'])).toBeUndefined();
  expect(compareServices(REF, [], ['feedHandler.kraken'])?.message).toBe('service (feedHandler.kraken) "feed-handler-kraken" not found; the stack has none');
});

test('a stopped or paused service is reported', () => {
  expect(compareServiceState('olap', 'clickhouse', { running: false, paused: false, connected: true })?.message).toBe('service "clickhouse" (olap) is not running');
  expect(compareServiceState('olap', 'clickhouse', { running: true, paused: true, connected: true })?.message).toBe('service "clickhouse" (olap) is paused');
  expect(compareServiceState('olap', 'clickhouse', { running: true, paused: false, connected: true })).toBeUndefined();
});

test('the seed\'s network name fails against K2\'s own network, naming it', async () => {
  const k2 = await loadManifest('k2-v2', { env: {} });
  const wrong = { ...k2, network: 'k2-network' };
  const members = manifestServices(k2).map((s) => s.service);
  expect(compareNetwork(wrong, [{ name: 'k2-net', members }])?.message).toBe('network "k2-network" not found; the project has "k2-net"');
  expect(compareNetwork({ ...k2, network: 'k2-market-data-platform_default' }, [])?.message).toBe(
    'network "k2-market-data-platform_default" not found; the project has none',
  );
});

test('a service detached from the network is named, with where it is instead', () => {
  const members = ALL_SERVICES.filter((s) => s !== 'clickhouse');
  const problem = compareNetwork(REF, [{ name: 'k2-net', members }, { name: 'other', members: ['clickhouse'] }]);
  expect(problem).toEqual({ check: 'network', message: 'service "clickhouse" (olap) is not on network "k2-net"; it is on "other"' });
  expect(compareConnected(REF, { clickhouse: true, broker: false })?.message).toBe('service "broker" (broker) is not on network "k2-net"');
});

test('missing ClickHouse database, table and trade id column are each named', () => {
  expect(compareClickhouse({ ...REF, clickhouse: { ...REF.clickhouse, database: 'k3' } }, clickhouseFacts())?.message).toBe(
    'ClickHouse database "k3" not found; the server has "k2", "system", "default"',
  );
  const noSilver = clickhouseFacts();
  noSilver.tables = noSilver.tables.filter((t) => t !== 'silver_trades');
  expect(compareClickhouse(REF, noSilver)?.message).toMatch(/^ClickHouse table "k2.silver_trades" not found; database "k2" has /);
  const k2Columns = { ...REF, clickhouse: { ...REF.clickhouse, tradeIdColumn: { bronze: 'sequence_number', silver: 'trade_id' } } };
  expect(compareClickhouse(k2Columns, clickhouseFacts())?.message).toBe(
    'column "sequence_number" not found; table k2.bronze_trades_binance has "price", "trade_id"',
  );
});

test('a missing topic is named; internal topics are not offered as alternatives', () => {
  const topics = ['__consumer_offsets', 'market.crypto.trades.binance.raw', 'market.crypto.trades.kraken.raw'];
  expect(compareTopics(REF, topics)?.message).toBe(
    'topic "market.crypto.trades.coinbase.raw" not found; the broker has "market.crypto.trades.binance.raw", "market.crypto.trades.kraken.raw"',
  );
});

test('the seed\'s watermark columns fail against the real table, naming the real columns', () => {
  const seed = { ...REF, watermarks: { ...REF.watermarks, columns: { ...REF.watermarks.columns, tableName: 'source_table' } } };
  const problem = compareWatermarks(seed, { tables: ['offload_watermarks'], columns: WATERMARK_COLUMNS });
  expect(problem?.message).toMatch(/^column "source_table" not found; table offload_watermarks has "table_name", /);
  expect(compareWatermarks(REF, { tables: ['watermarks'], columns: [] })?.message).toBe(
    'watermark table "offload_watermarks" not found; the database has "watermarks"',
  );
});

test('a missing bucket is named with the buckets that exist', () => {
  expect(compareBucket(REF, ['warehouse'])).toEqual({ check: 'bucket', message: 'bucket "k2-warehouse" not found; the object store has "warehouse"' });
});
