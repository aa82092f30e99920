import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import type { StackManifest } from '../../src/manifest/manifest';
import { loadManifest } from '../../src/manifest/load-manifest';
import { preflight, PreflightError } from '../../src/manifest/preflight/run-preflight';
import { REFERENCE_MANIFEST as REF } from '../../src/manifest/reference';
import { EXCHANGES } from '../../src/stack/names';
import type { EmbeddedStack } from '../../src/targets/embedded/embedded-stack';
import { removeStack, startStack } from '../embedded/support/embedded-harness';

test.describe.configure({ mode: 'serial' });

/** Only the stores: what every name preflight reads lives in them. */
const SERVICES = [REF.services.broker, REF.services.olap, REF.services.catalogDb, REF.services.objectStore];
const ROLES = ['broker', 'olap', 'catalogDb', 'objectStore'];
let stack: EmbeddedStack | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startStack(SERVICES);
  // The feed handlers create their topics in a full stack; here the test does.
  const admin = new Kafka({ clientId: 'preflight-test', brokers: stack.endpoints.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = EXCHANGES.flatMap((e) => [REF.kafka.rawTopics[e], REF.kafka.dlqTopics![e]]);
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
});

test.afterAll(async () => {
  await removeStack(stack);
});

/** The PreflightError message for `manifest` against the live stack, or "passed". */
async function outcome(manifest: StackManifest): Promise<string> {
  if (!stack) throw new Error('the stack did not start');
  try {
    await preflight({ stack, manifest, roles: ROLES, healthTimeoutMs: 30_000 });
    return 'passed';
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    return error.message.replace(/^preflight \([^)]+\): /, '');
  }
}

test('the reference manifest passes every group against the reference stack', async () => {
  if (!stack) throw new Error('the stack did not start');
  const report = await preflight({ stack, roles: ROLES });
  expect(report.passed).toEqual(['services', 'network', 'clickhouse', 'topics', 'watermarks', 'bucket']);
});

test('the K2 v2 manifest against our stack stops at its first service name', async () => {
  const k2 = await loadManifest('k2-v2', { env: {} });
  expect(await outcome(k2)).toBe(`service (broker) "redpanda" not found; the embedded stack has "broker", "postgres", "clickhouse", "object-store"`);
});

test('a wrong ClickHouse database, table or trade id column is named with what exists', async () => {
  expect(await outcome({ ...REF, clickhouse: { ...REF.clickhouse, database: 'k2_market' } })).toMatch(/^ClickHouse database "k2_market" not found; the server has "k2", /);
  expect(await outcome({ ...REF, clickhouse: { ...REF.clickhouse, silverTable: 'silver_trades_v2' } })).toMatch(
    /^ClickHouse table "k2.silver_trades_v2" not found; database "k2" has "k2.silver_trades", /,
  );
  expect(await outcome({ ...REF, clickhouse: { ...REF.clickhouse, tradeIdColumn: { bronze: 'sequence_number', silver: 'trade_id' } } })).toMatch(
    /^column "sequence_number" not found; table k2.bronze_trades_binance has .*"trade_id"/,
  );
});

test('K2\'s Avro topic name (without .raw) is not our raw topic', async () => {
  const manifest = { ...REF, kafka: { ...REF.kafka, rawTopics: { ...REF.kafka.rawTopics, binance: 'market.crypto.trades.binance' } } };
  expect(await outcome(manifest)).toMatch(
    /^topic "market.crypto.trades.binance" not found; the broker has "market.crypto.trades.binance.dlq", "market.crypto.trades.binance.raw", /,
  );
});

test('the seed\'s watermark columns are named with the real ones', async () => {
  const seed = { ...REF, watermarks: { ...REF.watermarks, columns: { ...REF.watermarks.columns, tableName: 'source_table', timestamp: 'last_watermark' } } };
  expect(await outcome(seed)).toMatch(/^column "source_table" not found; table offload_watermarks has "table_name", /);
  expect(await outcome({ ...REF, watermarks: { ...REF.watermarks, table: 'watermarks' } })).toMatch(/^watermark table "watermarks" not found; the database has .*"offload_watermarks"/);
});

test('a missing bucket is named with the bucket that exists', async () => {
  expect(await outcome({ ...REF, objectStore: { bucket: 'warehouse' } })).toBe('bucket "warehouse" not found; the object store has "k2-warehouse"');
});

test('a stopped service fails preflight before anything is read from it', async () => {
  if (!stack) throw new Error('the stack did not start');
  await stack.stop(REF.services.objectStore);
  try {
    expect(await outcome(REF)).toBe('service "object-store" (objectStore) is not running');
  } finally {
    await stack.start(REF.services.objectStore);
    await stack.waitHealthy(REF.services.objectStore, 60_000);
  }
});
