import { expect, test } from '@playwright/test';
import { EXCHANGES } from '../../src/stack/names';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { FeedClient, subscribeMessage } from './feed-client';

for (const exchange of EXCHANGES) {
  test(`${exchange}: POST /control/malformed sends broken trade messages of every kind, and trades go on`, async () => {
    await using sim = await startExchangeSim({ exchange, host: '127.0.0.1', port: 0, seed: 2, symbols: 1, ratePerSymbol: 100 });
    const client = await FeedClient.connect(sim.wsUrl, subscribeMessage(exchange, sim.symbols));
    try {
      await expect.poll(() => client.trades(exchange).length, { timeout: 10_000 }).toBeGreaterThan(0);
      const res = await fetch(`${sim.controlUrl}/malformed`, { method: 'POST', body: JSON.stringify({ count: 6 }) });
      expect(await res.json()).toMatchObject({ requested: 6, delivered: { connections: 1, messages: 6 } });
      const broken = () => client.sorted(exchange).broken;
      await expect.poll(() => broken().length).toBe(6);
      const kinds = broken().map((m) => {
        try {
          JSON.parse(m);
        } catch {
          return 'bad-json';
        }
        return m.includes('"abc"') || m.includes('not-a-number') ? 'wrong-type' : 'missing-field';
      });
      expect(kinds.sort()).toEqual(['bad-json', 'bad-json', 'missing-field', 'missing-field', 'wrong-type', 'wrong-type']);
      const before = client.sorted(exchange).trades.length;
      await expect.poll(() => client.sorted(exchange).trades.length).toBeGreaterThan(before);
    } finally {
      client.close();
    }
  });
}

test('POST /control/malformed names a bad count or kind', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 2, symbols: 1, ratePerSymbol: 10 });
  const post = (body: string) => fetch(`${sim.controlUrl}/malformed`, { method: 'POST', body });
  expect(await (await post('{"count":0}')).text()).toContain('count must be');
  expect(await (await post('{"count":1,"kind":"gibberish"}')).text()).toContain('kind must be one of');
  expect(await (await post('{oops')).text()).toContain('body must be JSON');
  expect(await (await post('{"count":2,"kind":"bad-json"}')).json()).toMatchObject({ kinds: ['bad-json'], delivered: { connections: 0 } });
});
