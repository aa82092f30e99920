import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker, type RunningBroker } from '../../services/broker/broker';
import { startExchangeSim, type ExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { openPipelineSource, readBrokerOffsets, readExchangeGroundTruth, readGroundTruth } from '../../src/probes/pipeline';
import { EXCHANGES, type Exchange } from '../../src/stack/names';
import { testEndpoints } from './test-endpoints';

test('broker offsets give end offsets per partition and the ClickHouse group lag', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'k2-probe-broker-'));
  const broker: RunningBroker = await startBroker({ dataDir, listeners: [{ host: '127.0.0.1', port: 0 }] });
  const source = openPipelineSource(testEndpoints({ brokers: broker.bootstrap }), REFERENCE_MANIFEST);
  try {
    const kafka = new Kafka({ clientId: 'probe-test', brokers: broker.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
    const admin = kafka.admin();
    await admin.connect();
    const topics = REFERENCE_MANIFEST.kafka.rawTopics;
    await admin.createTopics({ topics: EXCHANGES.map((e) => ({ topic: topics[e], numPartitions: 2 })) });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: topics.binance, messages: [0, 0, 0, 1, 1].map((partition, i) => ({ partition, value: `m${i}` })) });
    await producer.disconnect();
    await admin.setOffsets({ groupId: REFERENCE_MANIFEST.kafka.consumerGroups.binance, topic: topics.binance, partitions: [{ partition: 0, offset: '2' }] });
    await admin.disconnect();

    const offsets = await readBrokerOffsets(source);
    expect(offsets.binance).toEqual({
      topic: topics.binance,
      group: 'clickhouse_bronze_binance',
      partitions: [
        { partition: 0, low: 0, high: 3, committed: 2, lag: 1 },
        { partition: 1, low: 0, high: 2, committed: -1, lag: 2 },
      ],
      endOffsetSum: 5,
      totalLag: 3,
    });
    expect(offsets.kraken.endOffsetSum).toBe(0);

    await broker.close();
    await expect(readBrokerOffsets(source)).rejects.toThrow();
  } finally {
    await source.close();
    await broker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('ground truth comes from each simulator control API and names a wrong answer', async () => {
  const sims: Partial<Record<Exchange, ExchangeSim>> = {};
  try {
    for (const exchange of EXCHANGES) sims[exchange] = await startExchangeSim({ exchange, host: '127.0.0.1', port: 0, seed: 7, symbols: 2, ratePerSymbol: 200 });
    const controlUrls = Object.fromEntries(EXCHANGES.map((e) => [e, sims[e]!.controlUrl])) as Record<Exchange, string>;
    const source = openPipelineSource(testEndpoints({ controlUrls }), REFERENCE_MANIFEST);
    const fromMs = Date.now();
    await new Promise((r) => setTimeout(r, 300));
    const truth = await readGroundTruth(source, { fromMs: 0, toMs: Date.now() });
    const btc = truth.binance.symbols.BTCUSDT!;
    expect(btc.firstId).toBe(1);
    expect(btc.count).toBeGreaterThan(0);
    expect(btc.lastId).toBe(btc.count);
    expect(truth.binance.lastIds.BTCUSDT).toBeGreaterThanOrEqual(btc.lastId!);
    expect(Object.keys(truth.kraken.symbols)).toEqual(['BTC/USD', 'ETH/USD']);
    expect(Object.keys(truth.coinbase.symbols)).toEqual(['BTC-USD', 'ETH-USD']);

    const empty = await readExchangeGroundTruth(source, 'binance', { fromMs: 1, toMs: 2 });
    expect(empty.symbols.BTCUSDT).toEqual({ firstId: null, lastId: null, count: 0 });
    await expect(readExchangeGroundTruth(source, 'binance', { fromMs, toMs: fromMs - 1 })).rejects.toThrow(/toMs >= fromMs/);

    // A control URL that belongs to another exchange is caught, not read as this one's truth.
    const crossed = openPipelineSource(testEndpoints({ controlUrls: { ...controlUrls, kraken: controlUrls.binance } }), REFERENCE_MANIFEST);
    await expect(readExchangeGroundTruth(crossed, 'kraken', { fromMs: 0, toMs: Date.now() })).rejects.toThrow(/answered for exchange "binance", expected kraken/);
    const down = openPipelineSource(testEndpoints({}), REFERENCE_MANIFEST);
    await expect(readExchangeGroundTruth(down, 'binance', { fromMs: 0, toMs: 1 })).rejects.toThrow();
  } finally {
    await Promise.all(Object.values(sims).map((s) => s.close()));
  }
});
