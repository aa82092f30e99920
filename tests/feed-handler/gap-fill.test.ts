import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { rawTopic, type Exchange } from '../../src/stack/names';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { HandlerProcess } from './support/handler-process';
import { ledger, readTopic } from './support/read-topic';
import { metric, simLastIds } from './support/metric';
import { TestBroker } from './support/test-broker';

async function caughtUp(httpUrl: string, target: Record<string, number>): Promise<void> {
  for (const [symbol, id] of Object.entries(target)) {
    await expect.poll(() => metric(httpUrl, 'feed_handler_last_trade_id', `symbol="${symbol}"`), { timeout: 60_000 }).toBeGreaterThanOrEqual(id);
  }
}

const CASES: Exchange[] = ['binance', 'kraken', 'coinbase'];

for (const exchange of CASES) {
  test(`${exchange}: after the feed handler is killed and restarted, every emitted id is in the topic`, async () => {
    await using broker = await TestBroker.start();
    await using sim = await startExchangeSim({ exchange, host: '127.0.0.1', port: 0, seed: 8, symbols: 2, ratePerSymbol: 150 });
    const dataDir = mkdtempSync(join(tmpdir(), 'k2-fh-'));
    const args = ['--exchange', exchange, '--ws', sim.wsUrl, '--rest', sim.restUrl, '--brokers', broker.bootstrap, '--symbols', sim.symbols.join(','), '--data-dir', dataDir, '--partitions', '2'];
    let handler = await HandlerProcess.start(args);
    try {
      await expect.poll(() => metric(handler.httpUrl, 'feed_handler_produced_total'), { timeout: 60_000 }).toBeGreaterThan(100);
      await handler.kill();
      // Trades keep happening while it is down: these can only come back through REST.
      const whileDown = await simLastIds(sim.controlUrl);
      await expect.poll(async () => (await simLastIds(sim.controlUrl))[sim.symbols[0]!]).toBeGreaterThan(whileDown[sim.symbols[0]!]! + 150);
      handler = await HandlerProcess.start(args);
      const target = await simLastIds(sim.controlUrl);
      await caughtUp(handler.httpUrl, target);
      expect(await metric(handler.httpUrl, 'feed_handler_gap_filled_total')).toBeGreaterThan(150);

      const trades = (await readTopic(broker.bootstrap, rawTopic(exchange))).map((m) => JSON.parse(m.value) as { symbol: string; trade_id: number; source: string });
      const book = ledger(trades, target);
      for (const symbol of sim.symbols) expect(book[symbol]!.missing, `${symbol} ${JSON.stringify(book[symbol])}`).toEqual([]);
      expect(trades.some((t) => t.source === 'rest')).toBe(true);
    } finally {
      await handler.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

test('after the exchange drops the connection, the handler reconnects, resubscribes and fills the gap', async () => {
  await using broker = await TestBroker.start();
  await using sim = await startExchangeSim({ exchange: 'kraken', host: '127.0.0.1', port: 0, seed: 12, symbols: 2, ratePerSymbol: 150 });
  const dataDir = mkdtempSync(join(tmpdir(), 'k2-fh-'));
  const handler = await HandlerProcess.start(['--exchange', 'kraken', '--ws', sim.wsUrl, '--rest', sim.restUrl, '--brokers', broker.bootstrap, '--symbols', sim.symbols.join(','), '--data-dir', dataDir]);
  try {
    await expect.poll(() => metric(handler.httpUrl, 'feed_handler_produced_total'), { timeout: 60_000 }).toBeGreaterThan(100);
    for (let i = 0; i < 3; i++) {
      await fetch(`${sim.controlUrl}/disconnect`, { method: 'POST' });
      await expect.poll(() => metric(handler.httpUrl, 'feed_handler_reconnects_total'), { timeout: 30_000 }).toBeGreaterThan(i);
      await expect.poll(() => metric(handler.httpUrl, 'feed_handler_ws_connected'), { timeout: 30_000 }).toBe(1);
    }
    const target = await simLastIds(sim.controlUrl);
    await caughtUp(handler.httpUrl, target);
    const trades = (await readTopic(broker.bootstrap, rawTopic('kraken'))).map((m) => JSON.parse(m.value) as { symbol: string; trade_id: number });
    const book = ledger(trades, target);
    for (const symbol of sim.symbols) expect(book[symbol]!.missing, symbol).toEqual([]);
  } finally {
    await handler.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
