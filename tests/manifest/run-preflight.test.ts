import { expect, test } from '@playwright/test';
import { manifestServices } from '../../src/manifest/manifest-services';
import { preflight, PreflightError, type PreflightReaders } from '../../src/manifest/preflight/run-preflight';
import { REFERENCE_MANIFEST as REF } from '../../src/manifest/reference';
import type { ServiceState, StartedStack } from '../../src/targets/started-stack';

/** A stack whose services and readers answer from tables, recording what preflight asked. */
function fakeStack(overrides: { states?: Record<string, ServiceState>; unhealthy?: string[] } = {}) {
  const asked: string[] = [];
  const services = manifestServices(REF).map((s) => s.service);
  const stack = {
    target: 'embedded', manifest: REF, runDir: '', supportsNetworkFaults: true,
    endpoints: { brokers: ['b:1'], clickhouse: {}, postgres: {}, objectStore: {} },
    services: () => services,
    state: async (s: string) => overrides.states?.[s] ?? { running: true, paused: false, connected: true },
    waitHealthy: async (s: string) => {
      asked.push(`health ${s}`);
      if (overrides.unhealthy?.includes(s)) throw new Error('health check timed out after 5 ms');
    },
  } as unknown as StartedStack;
  const readers: PreflightReaders = {
    clickhouse: async () => {
      asked.push('clickhouse');
      return {
        databases: ['k2'],
        tables: ['bronze_trades_binance', 'bronze_trades_kraken', 'bronze_trades_coinbase', 'silver_trades', 'ohlcv_1m'],
        columns: { bronze_trades_binance: ['trade_id'], bronze_trades_kraken: ['trade_id'], bronze_trades_coinbase: ['trade_id'], silver_trades: ['trade_id'] },
      };
    },
    topics: async () => (asked.push('topics'), [...Object.values(REF.kafka.rawTopics), ...Object.values(REF.kafka.dlqTopics!)]),
    watermarks: async () => (asked.push('watermarks'), { tables: ['offload_watermarks'], columns: Object.values(REF.watermarks.columns) }),
    buckets: async () => (asked.push('bucket'), ['k2-warehouse']),
  };
  return { stack, readers, asked };
}

test('passes every group in order on a stack that has every name', async () => {
  const { stack, readers, asked } = fakeStack();
  const report = await preflight({ stack, readers });
  expect(report.passed).toEqual(['services', 'network', 'clickhouse', 'topics', 'watermarks', 'bucket']);
  expect(asked.slice(-4)).toEqual(['clickhouse', 'topics', 'watermarks', 'bucket']);
});

test('the first missing name stops the run: later groups are not read', async () => {
  const { stack, readers, asked } = fakeStack();
  const wrong = { ...REF, clickhouse: { ...REF.clickhouse, silverTable: 'silver' } };
  const error = await preflight({ stack, readers, manifest: wrong }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PreflightError);
  expect((error as PreflightError).check).toBe('clickhouse');
  expect((error as Error).message).toMatch(/^preflight \(reference\): ClickHouse table "k2.silver" not found; database "k2" has "k2.silver_trades"/);
  expect(asked).not.toContain('topics');
});

test('an unhealthy or detached service fails before any data store is read', async () => {
  const unhealthy = fakeStack({ unhealthy: ['offload'] });
  await expect(preflight({ stack: unhealthy.stack, readers: unhealthy.readers })).rejects.toThrow(
    'service "offload" (offload) is not healthy: health check timed out after 5 ms',
  );
  const detached = fakeStack({ states: { broker: { running: true, paused: false, connected: false } } });
  await expect(preflight({ stack: detached.stack, readers: detached.readers })).rejects.toThrow('service "broker" (broker) is not on network "k2-net"');
  expect([...unhealthy.asked, ...detached.asked]).not.toContain('clickhouse');
});

test('a skipped group is reported with its reason and not read', async () => {
  const { stack, readers, asked } = fakeStack();
  const report = await preflight({ stack, readers, manifest: { ...REF, objectStore: { bucket: 'absent' }, skipChecks: { bucket: 'no bucket by design' } } });
  expect(report.skipped).toEqual({ bucket: 'no bucket by design' });
  expect(asked).not.toContain('bucket');
});

test('a reader that fails stops the run and says which group it was reading', async () => {
  const { stack, readers } = fakeStack();
  readers.topics = async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:1'); };
  await expect(preflight({ stack, readers })).rejects.toThrow('could not read topics: connect ECONNREFUSED 127.0.0.1:1');
});
