import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBroker, type RunningBroker } from '../../services/broker/broker';
import { startExchangeSim, type ExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { startFeedHandler, type FeedHandler } from '../../services/feed-handler/feed-handler';
import type { ProbeReading } from '../../src/chaos/probe-reading';
import { offsetsNeverRegress, tradeLedger } from '../../src/invariants/pipeline';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import {
  openPipelineSource, readBrokerOffsets, readGroundTruth, readLedgerObservations, readTradeIdStats, type BrokerOffsets, type PipelineSource,
} from '../../src/probes/pipeline';
import { EXCHANGES, type Exchange } from '../../src/stack/names';
import { applyClickHouseSchema } from '../../stack/clickhouse/schema';
import { startPrivateClickHouse, type PrivateClickHouse } from '../support/private-clickhouse';
import { queryRows } from '../clickhouse-schema/trade-rows';
import { testEndpoints } from './test-endpoints';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const RATE_PER_SYMBOL = 50;
const WINDOW_MS = 3_000;

let dir: string;
let broker: RunningBroker;
let ch: PrivateClickHouse;
const sims: Partial<Record<Exchange, ExchangeSim>> = {};
const handlers: FeedHandler[] = [];
let source: PipelineSource;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k2-pipeline-ledger-'));
  broker = await startBroker({ dataDir: join(dir, 'broker'), listeners: [{ host: '127.0.0.1', port: 0 }] });
  ch = await startPrivateClickHouse({ stackSettings: true });
  for (const exchange of EXCHANGES) {
    sims[exchange] = await startExchangeSim({ exchange, host: '127.0.0.1', port: 0, seed: 11, symbols: 2, ratePerSymbol: RATE_PER_SYMBOL });
  }
  for (const exchange of EXCHANGES) {
    const handler = await startFeedHandler({
      exchange, wsUrl: sims[exchange]!.wsUrl, restUrl: sims[exchange]!.restUrl, brokers: broker.bootstrap, symbols: sims[exchange]!.symbols,
      topic: REFERENCE_MANIFEST.kafka.rawTopics[exchange], dlqTopic: REFERENCE_MANIFEST.kafka.dlqTopics![exchange], dataDir: join(dir, `fh-${exchange}`),
      http: { host: '127.0.0.1', port: 0 }, partitions: 2, log: () => undefined,
    });
    handlers.push(handler);
    await handler.running;
  }
  // Half a second of one exchange's trades per block (2 symbols at RATE_PER_SYMBOL).
  await applyClickHouseSchema(ch.client, { brokers: broker.bootstrap, kafkaMaxBlockSize: RATE_PER_SYMBOL });
  const controlUrls = Object.fromEntries(EXCHANGES.map((e) => [e, sims[e]!.controlUrl])) as Record<Exchange, string>;
  source = openPipelineSource(testEndpoints({ clickhouseUrl: ch.url, brokers: broker.bootstrap, controlUrls }), REFERENCE_MANIFEST);
});

test.afterAll(async () => {
  await source?.close();
  for (const h of handlers) await h.close().catch(() => undefined);
  await Promise.all(Object.values(sims).map((s) => s.close()));
  await ch?.stop();
  await broker?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the ledger of a live pipeline window is exact at bronze and silver, and offsets only move forward', async () => {
  const readings: Array<ProbeReading<BrokerOffsets>> = [];
  const fromMs = Date.now();
  readings.push({ ok: true, value: await readBrokerOffsets(source), atMs: Date.now() });
  await new Promise((r) => setTimeout(r, WINDOW_MS));
  const toMs = Date.now();
  const truth = await readGroundTruth(source, { fromMs, toMs });
  const lastEmitted = (e: Exchange) => Math.max(...Object.values(truth[e].symbols).map((r) => r.lastId ?? 0));
  // Wait until silver holds every exchange's last emitted id of the window.
  await expect.poll(async () => {
    const stats = await readTradeIdStats(source);
    return EXCHANGES.every((e) => stats[e].silver.maxTradeId >= lastEmitted(e));
  }, { timeout: 60_000, intervals: [500] }).toBe(true);
  readings.push({ ok: true, value: await readBrokerOffsets(source), atMs: Date.now() });

  const bronze = tradeLedger({ hop: 'bronze', expected: truth, observed: await readLedgerObservations(source, 'bronze', truth), duplicates: 'report' });
  const silver = tradeLedger({ hop: 'silver', expected: truth, observed: await readLedgerObservations(source, 'silver', truth) });
  expect(bronze.status, bronze.summary).toBe('valid');
  expect(silver.status, silver.summary).toBe('valid');
  expect(silver.counts?.expected).toBeGreaterThan(EXCHANGES.length * 2 * RATE_PER_SYMBOL);
  expect(silver.counts).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
  expect(offsetsNeverRegress({ readings }).status).toBe('valid');

  // Take two trades out of silver: the ledger names them.
  const symbol = Object.keys(truth.kraken.symbols)[0]!;
  const first = truth.kraken.symbols[symbol]!.firstId!;
  await ch.client.command({ query: `ALTER TABLE k2.silver_trades DELETE WHERE exchange = 'kraken' AND symbol = '${symbol}' AND trade_id IN (${first}, ${first + 2})` });
  await expect.poll(async () => (await queryRows<{ n: string }>(ch.client, "SELECT count() AS n FROM system.mutations WHERE table = 'silver_trades' AND is_done = 0"))[0]!.n, { timeout: 30_000 }).toBe('0');
  const broken = tradeLedger({ hop: 'silver', expected: truth, observed: await readLedgerObservations(source, 'silver', truth) });
  expect(broken.status).toBe('invalid');
  expect(broken.counts?.lost).toBe(2);
  expect(broken.samples?.lost).toEqual({ [`kraken/${symbol}`]: [[first, first], [first + 2, first + 2]] });
});
