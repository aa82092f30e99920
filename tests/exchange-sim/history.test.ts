import { expect, test } from '@playwright/test';
import { EXCHANGES, type Exchange } from '../../src/stack/names';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { TradeModel } from '../../services/exchange-sim/trade-model';
import { FeedClient, subscribeMessage, type SeenTrade } from './feed-client';

/** Reads trades `fromId..` of a symbol through the exchange's own REST shape. */
async function restTrades(exchange: Exchange, restUrl: string, symbol: string, fromId: number, fromTimeMs: number): Promise<SeenTrade[]> {
  if (exchange === 'binance') {
    const rows = await (await fetch(`${restUrl}/api/v3/historicalTrades?symbol=${symbol}&fromId=${fromId}&limit=1000`)).json() as Array<{ id: number; price: string; qty: string; time: number; isBuyerMaker: boolean }>;
    return rows.map((r) => ({ symbol, id: r.id, price: r.price, quantity: r.qty, buyerIsMaker: r.isBuyerMaker, timeMs: r.time }));
  }
  if (exchange === 'kraken') {
    const body = await (await fetch(`${restUrl}/0/public/Trades?pair=${encodeURIComponent(symbol)}&since=${fromTimeMs / 1_000}&count=1000`)).json() as { result: Record<string, unknown> };
    const rows = body.result[symbol] as Array<[string, string, number, string, string, string, number]>;
    return rows.map((r) => ({ symbol, id: r[6], price: r[0], quantity: r[1], buyerIsMaker: r[3] === 's', timeMs: Math.round(r[2] * 1_000) }));
  }
  const body = await (await fetch(`${restUrl}/api/v3/brokerage/market/products/${symbol}/ticker?limit=1000&start=${fromTimeMs / 1_000}`)).json() as { trades: Array<{ trade_id: string; price: string; size: string; side: string; time: string }> };
  return body.trades.map((t) => ({ symbol, id: Number(t.trade_id), price: t.price, quantity: t.size, buyerIsMaker: t.side === 'SELL', timeMs: Date.parse(t.time) })).reverse();
}

const comparable = (t: SeenTrade) => ({ id: t.id, price: Number(t.price), quantity: Number(t.quantity), buyerIsMaker: t.buyerIsMaker, timeMs: t.timeMs });

for (const exchange of EXCHANGES) {
  test(`${exchange}: REST history returns exactly what the feed sent`, async () => {
    await using sim = await startExchangeSim({ exchange, host: '127.0.0.1', port: 0, seed: 11, symbols: 2, ratePerSymbol: 150 });
    const symbol = sim.symbols[1]!;
    const client = await FeedClient.connect(sim.wsUrl, subscribeMessage(exchange, [symbol]));
    try {
      await expect.poll(() => client.trades(exchange).length, { timeout: 15_000 }).toBeGreaterThan(120);
    } finally {
      client.close();
    }
    const fed = client.trades(exchange).filter((t) => t.symbol === symbol).slice(0, 100);
    const rest = await restTrades(exchange, sim.restUrl, symbol, fed[0]!.id, fed[0]!.timeMs);
    const byId = new Map(rest.map((t) => [t.id, t]));
    expect(fed.map(comparable)).toEqual(fed.map((t) => comparable(byId.get(t.id) ?? { ...t, price: 'missing' })));
  });
}

test('same seed gives the same trades; another seed or symbol gives different ones', async () => {
  await using a = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 5, symbols: 1, ratePerSymbol: 500 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await using b = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 5, symbols: 1, ratePerSymbol: 500 });
  await expect.poll(() => b.history.lastId(0), { timeout: 10_000 }).toBeGreaterThanOrEqual(50);
  const fields = (sim: typeof a) => sim.history.range(0, 1, 50).map(({ timeMs: _t, ...trade }) => trade);
  expect(fields(a)).toEqual(fields(b));

  const model = (seed: number, symbol: string, base: string) => new TradeModel(seed, symbol, base);
  const ids = Array.from({ length: 200 }, (_, i) => i + 1);
  const same = ids.map((id) => model(5, 'BTCUSDT', 'BTC').trade(id));
  expect(ids.map((id) => model(5, 'BTCUSDT', 'BTC').trade(id))).toEqual(same);
  expect(ids.map((id) => model(6, 'BTCUSDT', 'BTC').trade(id))).not.toEqual(same);
  expect(ids.map((id) => model(5, 'BTC-USD', 'BTC').trade(id))).not.toEqual(same);
  // Both sides occur, and prices stay near the reference.
  expect(new Set(same.map((t) => t.buyerIsMaker)).size).toBe(2);
  for (const t of same) expect(Math.abs(Number(t.price) / 65_000 - 1)).toBeLessThan(0.05);
});

test('REST rejects bad parameters with the exchange\'s own errors', async () => {
  await using binance = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 10 });
  await using kraken = await startExchangeSim({ exchange: 'kraken', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 10 });
  await using coinbase = await startExchangeSim({ exchange: 'coinbase', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 10 });
  const bad = await fetch(`${binance.restUrl}/api/v3/historicalTrades?symbol=NOPE`);
  expect(bad.status).toBe(400);
  expect(await bad.json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
  expect((await fetch(`${binance.restUrl}/api/v3/historicalTrades?symbol=BTCUSDT&limit=5000`)).status).toBe(400);
  expect(await (await fetch(`${kraken.restUrl}/0/public/Trades?pair=NOPE`)).json()).toEqual({ error: ['EQuery:Unknown asset pair'] });
  expect((await fetch(`${coinbase.restUrl}/api/v3/brokerage/market/products/NOPE-USD/ticker`)).status).toBe(404);
  expect((await fetch(`${coinbase.restUrl}/api/v3/brokerage/market/products/BTC-USD/ticker?limit=5&start=soon`)).status).toBe(400);
  // `limit` is required, as on the real API.
  expect((await fetch(`${coinbase.restUrl}/api/v3/brokerage/market/products/BTC-USD/ticker`)).status).toBe(400);
});
