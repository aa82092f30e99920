import { expect, test } from '@playwright/test';
import { EXCHANGES } from '../../src/stack/names';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { FeedClient, firstBreak, subscribeMessage, tradesOf } from './feed-client';

for (const exchange of EXCHANGES) {
  test(`${exchange}: a subscribed client gets well-formed trades with sequential ids per symbol`, async () => {
    await using sim = await startExchangeSim({ exchange, host: '127.0.0.1', port: 0, seed: 7, symbols: 3, ratePerSymbol: 200 });
    const client = await FeedClient.connect(sim.wsUrl, subscribeMessage(exchange, sim.symbols.slice(0, 2)));
    try {
      await expect.poll(() => new Set(client.trades(exchange).map((t) => t.symbol)).size, { timeout: 15_000 }).toBe(2);
      await expect.poll(() => client.trades(exchange).length, { timeout: 15_000 }).toBeGreaterThan(100);
      const trades = client.trades(exchange);
      expect(firstBreak(trades)).toBeUndefined();
      expect(new Set(trades.map((t) => t.symbol))).toEqual(new Set(sim.symbols.slice(0, 2)));
      for (const t of trades) {
        expect(Number(t.price)).toBeGreaterThan(0);
        expect(Number(t.quantity)).toBeGreaterThan(0);
      }
    } finally {
      client.close();
    }
  });
}

test('firstBreak reports a skipped and a repeated id', () => {
  const t = (symbol: string, id: number) => ({ symbol, id, price: '1', quantity: '1', buyerIsMaker: false, timeMs: 0 });
  expect(firstBreak([t('A', 1), t('B', 5), t('A', 2), t('B', 6)])).toBeUndefined();
  expect(firstBreak([t('A', 1), t('A', 3)])).toBe('A: id 3 after 1');
  expect(firstBreak([t('A', 1), t('A', 1)])).toBe('A: id 1 after 1');
});

test('the feed schemas reject a trade with a missing or mistyped field', () => {
  expect(() => tradesOf('binance', '{"e":"trade","E":1,"s":"BTCUSDT","p":"1.0","q":"1.0","T":1,"m":true,"M":true}')).toThrow(/t/);
  expect(() => tradesOf('kraken', '{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":"1","qty":1,"ord_type":"market","trade_id":1,"timestamp":"2026-01-01T00:00:00.000000Z"}]}')).toThrow(/price/);
  expect(() => tradesOf('coinbase', '{"channel":"market_trades","client_id":"","timestamp":"2026-01-01T00:00:00.000000Z","sequence_num":0,"events":[{"type":"update","trades":[{"trade_id":"x","product_id":"BTC-USD","price":"1.0","size":"1.0","side":"BUY","time":"2026-01-01T00:00:00.000000Z"}]}]}')).toThrow(/trade_id/);
});

test('binance: subscription ack echoes the request id, and a raw-stream path subscribes without a message', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 2, ratePerSymbol: 100 });
  const acked = await FeedClient.connect(sim.wsUrl, JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@trade'], id: 42 }));
  const raw = await FeedClient.connect(`${sim.wsUrl}/ethusdt@trade`);
  try {
    await expect.poll(() => acked.messages[0]).toBe('{"result":null,"id":42}');
    await expect.poll(() => raw.trades('binance').length, { timeout: 10_000 }).toBeGreaterThan(5);
    expect(new Set(raw.trades('binance').map((t) => t.symbol))).toEqual(new Set(['ETHUSDT']));
  } finally {
    acked.close();
    raw.close();
  }
});

test('kraken and coinbase: subscribing to an unknown symbol gets an error reply, not trades', async () => {
  await using kraken = await startExchangeSim({ exchange: 'kraken', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 100 });
  await using coinbase = await startExchangeSim({ exchange: 'coinbase', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 100 });
  const k = await FeedClient.connect(kraken.wsUrl, subscribeMessage('kraken', ['NOPE/USD']));
  const c = await FeedClient.connect(coinbase.wsUrl, subscribeMessage('coinbase', ['NOPE-USD']));
  try {
    await expect.poll(() => k.messages.some((m) => m.includes('"success":false') && m.includes('NOPE/USD'))).toBe(true);
    await expect.poll(() => c.messages.some((m) => m.includes('"type":"error"') && m.includes('NOPE-USD'))).toBe(true);
    expect(k.trades('kraken')).toEqual([]);
    expect(c.trades('coinbase')).toEqual([]);
  } finally {
    k.close();
    c.close();
  }
});
