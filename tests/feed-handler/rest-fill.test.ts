import { expect, test } from '@playwright/test';
import { EXCHANGES } from '../../src/stack/names';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { ADAPTERS } from '../../services/feed-handler/feed-handler';

for (const exchange of EXCHANGES) {
  test(`${exchange}: REST gap fill pages through a gap of several thousand trades, contiguous and exact`, async () => {
    await using sim = await startExchangeSim({ exchange, host: '127.0.0.1', port: 0, seed: 30, symbols: 2, ratePerSymbol: 2_000 });
    const symbol = sim.symbols[1]!;
    await expect.poll(() => sim.history.lastId(1), { timeout: 20_000 }).toBeGreaterThan(3_500);
    const target = sim.history.lastId(1);
    const start = sim.history.range(1, 10, 10)[0]!;
    let from = { tradeId: start.id, timeMs: start.timeMs };
    const ids: number[] = [];
    const mismatches: string[] = [];
    for (let call = 0; call < 20 && from.tradeId < target; call++) {
      const page = await ADAPTERS[exchange].fetchAfter(sim.restUrl, symbol, from);
      expect(page.rejected).toEqual([]);
      if (page.trades.length === 0) break;
      // Plain comparisons: an expect() per trade would make the loop slower than the feed.
      for (const t of page.trades) {
        const [truth] = sim.history.range(1, t.tradeId, t.tradeId);
        if (!truth || t.price !== Number(truth.price) || t.buyerIsMaker !== truth.buyerIsMaker || t.exchangeTsMs !== truth.timeMs || t.symbol !== symbol) {
          mismatches.push(`${t.tradeId}: ${JSON.stringify(t)} vs ${JSON.stringify(truth)}`);
        }
      }
      ids.push(...page.trades.map((t) => t.tradeId));
      const last = page.trades.at(-1)!;
      from = { tradeId: last.tradeId, timeMs: last.exchangeTsMs };
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(ids.slice(0, target - 10)).toEqual(Array.from({ length: target - 10 }, (_, i) => 11 + i));
  });
}

test('a REST error is thrown with the URL and status, for the caller to retry', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 10 });
  await expect(ADAPTERS.binance.fetchAfter(sim.restUrl, 'NOPEUSDT', { tradeId: 1, timeMs: 0 })).rejects.toThrow(/historicalTrades.*HTTP 400/);
  await expect(ADAPTERS.kraken.fetchAfter(sim.restUrl, 'BTC/USD', { tradeId: 1, timeMs: 0 })).rejects.toThrow(/HTTP 404|Kraken error/);
  await expect(ADAPTERS.coinbase.fetchAfter('http://127.0.0.1:1', 'BTC-USD', { tradeId: 1, timeMs: 0 })).rejects.toThrow();
});

test('a 429 with Retry-After is a RestError carrying the wait the exchange asked for', async () => {
  const { createServer } = await import('node:http');
  const { getJson, RestError } = await import('../../services/feed-handler/exchanges/exchange-adapter');
  const server = createServer((_req, res) => res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' }).end('{"code":-1003}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v3/historicalTrades`;
    const error = await getJson(url).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 7_000 });
  } finally {
    server.close();
  }
});
