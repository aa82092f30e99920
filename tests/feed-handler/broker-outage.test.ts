import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dlqTopic, rawTopic } from '../../src/stack/names';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { startFeedHandler } from '../../services/feed-handler/feed-handler';
import { ledger, readTopic } from './support/read-topic';
import { metric, simLastIds } from './support/metric';
import { TestBroker } from './support/test-broker';

test('while the broker is stopped the handler buffers, spills to disk past its memory bound, and drains everything after', async () => {
  await using broker = await TestBroker.start();
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 21, symbols: 2, ratePerSymbol: 200 });
  const dataDir = mkdtempSync(join(tmpdir(), 'k2-fh-'));
  try {
    await using handler = await startFeedHandler({
      exchange: 'binance', wsUrl: sim.wsUrl, restUrl: sim.restUrl, brokers: [broker.bootstrap], symbols: sim.symbols, topic: rawTopic('binance'),
      dlqTopic: dlqTopic('binance'), dataDir, http: { host: '127.0.0.1', port: 0 }, partitions: 2, log: () => undefined,
      memoryMaxRecords: 300, spillSegmentRecords: 100,
    });
    await handler.running;
    await expect.poll(() => metric(handler.httpUrl, 'feed_handler_produced_total'), { timeout: 30_000 }).toBeGreaterThan(100);
    await broker.stop();
    await expect.poll(() => metric(handler.httpUrl, 'feed_handler_broker_up'), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => metric(handler.httpUrl, 'feed_handler_spilled'), { timeout: 30_000 }).toBeGreaterThan(500);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('spill-')).length).toBeGreaterThan(0);
    expect(await metric(handler.httpUrl, 'feed_handler_buffered')).toBeGreaterThan(800);
    expect((await (await fetch(`${handler.httpUrl}/health`)).json()) as object).toMatchObject({ ok: true, brokerUp: false });

    await broker.startAgain();
    const target = await simLastIds(sim.controlUrl);
    for (const [symbol, id] of Object.entries(target)) {
      await expect.poll(() => metric(handler.httpUrl, 'feed_handler_last_trade_id', `symbol="${symbol}"`), { timeout: 60_000 }).toBeGreaterThanOrEqual(id);
    }
    await expect.poll(() => metric(handler.httpUrl, 'feed_handler_spilled'), { timeout: 30_000 }).toBe(0);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('spill-'))).toEqual([]);
    expect(await metric(handler.httpUrl, 'feed_handler_spilled_total')).toBeGreaterThan(500);
    expect(await metric(handler.httpUrl, 'feed_handler_dropped_total')).toBe(0);

    const messages = await readTopic(broker.bootstrap, rawTopic('binance'));
    const trades = messages.map((m) => JSON.parse(m.value) as { symbol: string; trade_id: number });
    const book = ledger(trades, target);
    for (const symbol of sim.symbols) expect(book[symbol]!.missing, symbol).toEqual([]);
    // Order within a partition is kept across memory, disk and retries.
    for (const symbol of sim.symbols) {
      const ids = trades.filter((t) => t.symbol === symbol).map((t) => t.trade_id);
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1]! || ids.slice(0, i).includes(id))).toBe(true);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
