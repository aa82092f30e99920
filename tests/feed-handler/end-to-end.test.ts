import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { dlqTopic, EXCHANGES, rawTopic } from '../../src/stack/names';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { startFeedHandler } from '../../services/feed-handler/feed-handler';
import { ledger, readTopic } from './support/read-topic';
import { metric, simLastIds } from './support/metric';
import { TestBroker } from './support/test-broker';

/** The documented message format (README, `RawTradeMessage`), strictly: no extra or missing field. */
const RAW_TRADE = z.strictObject({
  exchange: z.enum(EXCHANGES), symbol: z.string(), trade_id: z.number().int().positive(), price: z.number().positive(), quantity: z.number().positive(),
  side: z.enum(['buy', 'sell']), is_buyer_maker: z.union([z.literal(0), z.literal(1)]), exchange_ts_ms: z.number().int(),
  exchange_time: z.string().regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), received_ts_ms: z.number().int(), source: z.enum(['ws', 'rest']),
  price_text: z.string(), quantity_text: z.string(), raw: z.string(),
});
const DLQ = z.strictObject({ exchange: z.enum(EXCHANGES), reason: z.string().min(1), received_ts_ms: z.number().int(), payload: z.string() });

for (const exchange of EXCHANGES) {
  test(`${exchange}: every emitted trade reaches the raw topic once, keyed by symbol, in the documented format; malformed input reaches the DLQ with reasons`, async () => {
    await using broker = await TestBroker.start();
    await using sim = await startExchangeSim({ exchange, host: '127.0.0.1', port: 0, seed: 4, symbols: 2, ratePerSymbol: 100 });
    const dataDir = mkdtempSync(join(tmpdir(), 'k2-fh-'));
    await using handler = await startFeedHandler({
      exchange, wsUrl: sim.wsUrl, restUrl: sim.restUrl, brokers: [broker.bootstrap], symbols: sim.symbols, topic: rawTopic(exchange), dlqTopic: dlqTopic(exchange),
      dataDir, removeDataDirOnClose: true, http: { host: '127.0.0.1', port: 0 }, partitions: 3, log: () => undefined,
    });
    await handler.running;
    await expect.poll(() => metric(handler.httpUrl, 'feed_handler_produced_total'), { timeout: 30_000 }).toBeGreaterThan(100);
    const sent = await (await fetch(`${sim.controlUrl}/malformed`, { method: 'POST', body: '{"count":6}' })).json() as { delivered: { messages: number } };
    expect(sent.delivered.messages).toBe(6);
    await expect.poll(() => metric(handler.httpUrl, 'feed_handler_dlq_total'), { timeout: 30_000 }).toBe(6);
    const target = await simLastIds(sim.controlUrl);
    for (const symbol of sim.symbols) {
      await expect.poll(() => metric(handler.httpUrl, 'feed_handler_last_trade_id', `symbol="${symbol}"`), { timeout: 30_000 }).toBeGreaterThanOrEqual(target[symbol]!);
    }

    const messages = await readTopic(broker.bootstrap, rawTopic(exchange));
    const trades = messages.map((m) => ({ key: m.key, ...RAW_TRADE.parse(JSON.parse(m.value)) }));
    for (const t of trades) expect(t.key).toBe(t.symbol);
    const book = ledger(trades, target);
    for (const symbol of sim.symbols) expect(book[symbol], symbol).toMatchObject({ missing: [], duplicates: 0 });
    // Fields equal the exchange's ground truth for the same ids.
    for (const t of trades.slice(0, 200)) {
      const [truth] = sim.history.range(sim.history.indexOf(t.symbol)!, t.trade_id, t.trade_id);
      expect({ price: t.price, quantity: t.quantity, maker: t.is_buyer_maker === 1, time: t.exchange_ts_ms, exchange: t.exchange })
        .toEqual({ price: Number(truth!.price), quantity: Number(truth!.quantity), maker: truth!.buyerIsMaker, time: truth!.timeMs, exchange });
      expect(t.side).toBe(t.is_buyer_maker ? 'sell' : 'buy');
    }

    const dlq = (await readTopic(broker.bootstrap, dlqTopic(exchange))).map((m) => DLQ.parse(JSON.parse(m.value)));
    expect(dlq).toHaveLength(6);
    expect(dlq.filter((d) => d.reason.startsWith('invalid JSON'))).toHaveLength(2);
    expect(dlq.filter((d) => /^trade: \w+: expected/.test(d.reason))).toHaveLength(4);
    expect(await (await fetch(`${handler.httpUrl}/health`)).json()).toMatchObject({ ok: true, phase: 'running' });
    await handler.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
}
