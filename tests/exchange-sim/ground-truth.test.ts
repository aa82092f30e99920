import { expect, test } from '@playwright/test';
import { EmissionLog } from '../../services/exchange-sim/emission-log';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { exchangeUrls, simSymbols } from '../../services/exchange-sim/urls';
import { FeedClient, subscribeMessage } from './feed-client';

test('the emission log answers windows and emission times exactly, including empty and edge windows', () => {
  const log = new EmissionLog(2);
  log.record(1_000, [3, 0]);
  log.record(1_020, [5, 2]);
  log.record(1_040, [5, 4]);
  expect(log.emitted(0, 0, 999)).toEqual({ firstId: null, lastId: null, count: 0 });
  expect(log.emitted(0, 1_000, 1_000)).toEqual({ firstId: 1, lastId: 3, count: 3 });
  expect(log.emitted(0, 1_001, 1_040)).toEqual({ firstId: 4, lastId: 5, count: 2 });
  expect(log.emitted(1, 1_001, 1_040)).toEqual({ firstId: 1, lastId: 4, count: 4 });
  expect(log.emitted(0, 1_021, 5_000)).toEqual({ firstId: null, lastId: null, count: 0 });
  expect([1, 3, 4, 5, 6].map((id) => log.emittedAtMs(0, id))).toEqual([1_000, 1_000, 1_020, 1_020, undefined]);
  expect(log.emittedAtMs(1, 3)).toBe(1_040);
  expect(() => log.record(1_000, [6, 4])).toThrow(/backwards/);
});

test('/control/emitted counts exactly the ids the feed delivered in a window', async () => {
  await using sim = await startExchangeSim({ exchange: 'coinbase', host: '127.0.0.1', port: 0, seed: 3, symbols: 2, ratePerSymbol: 300 });
  const client = await FeedClient.connect(sim.wsUrl, subscribeMessage('coinbase', sim.symbols));
  await expect.poll(() => client.trades('coinbase').length, { timeout: 10_000 }).toBeGreaterThan(50);
  const fromMs = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const toMs = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 200));
  client.close();
  const truth = await (await fetch(`${sim.controlUrl}/emitted?fromMs=${fromMs}&toMs=${toMs}`)).json() as { symbols: Record<string, { firstId: number; lastId: number; count: number }> };
  for (const symbol of sim.symbols) {
    const delivered = client.trades('coinbase').filter((t) => t.symbol === symbol && t.timeMs >= fromMs && t.timeMs <= toMs).map((t) => t.id);
    const range = truth.symbols[symbol]!;
    expect(range.count).toBeGreaterThan(0);
    expect(delivered).toEqual(Array.from({ length: range.count }, (_, i) => range.firstId + i));
    expect(range.lastId - range.firstId + 1).toBe(range.count);
  }
  const ids = [truth.symbols[sim.symbols[0]!]!.firstId, 999_999_999];
  const times = await (await fetch(`${sim.controlUrl}/emission-time?symbol=${sim.symbols[0]}&ids=${ids.join(',')}`)).json() as { times: Record<string, number | null> };
  expect(times.times[String(ids[0])]).toBeGreaterThanOrEqual(fromMs);
  expect(times.times['999999999']).toBeNull();
});

test('the control API lists symbols and last ids, and names what is wrong with a bad request', async () => {
  await using sim = await startExchangeSim({ exchange: 'kraken', host: '127.0.0.1', port: 0, seed: 9, symbols: 4, ratePerSymbol: 50 });
  const info = await (await fetch(`${sim.controlUrl}/symbols`)).json();
  expect(info).toEqual({ exchange: 'kraken', seed: 9, ratePerSymbol: 50, symbols: ['BTC/USD', 'ETH/USD', 'SOL/USD', 'XRP/USD'] });
  await expect.poll(async () => ((await (await fetch(`${sim.controlUrl}/last-ids`)).json()) as { symbols: Record<string, number> }).symbols['XRP/USD']).toBeGreaterThan(0);
  const badWindow = await fetch(`${sim.controlUrl}/emitted?fromMs=yesterday`);
  expect(badWindow.status).toBe(400);
  expect(await badWindow.text()).toContain('fromMs');
  const badSymbol = await fetch(`${sim.controlUrl}/emission-time?symbol=NOPE&ids=1`);
  expect(await badSymbol.text()).toContain('symbol must be one of');
  expect((await fetch(`${sim.controlUrl}/nothing`)).status).toBe(404);
  expect((await fetch(`${sim.restUrl}/health`)).status).toBe(200);
  expect(await (await fetch(`${sim.restUrl}/metrics`)).text()).toContain('exchange_sim_last_trade_id{symbol="XRP/USD"}');
});

test('urls and symbol lists follow each exchange\'s conventions', () => {
  expect(exchangeUrls('binance', '10.0.0.2', 9000)).toEqual({ wsUrl: 'ws://10.0.0.2:9000/ws', restUrl: 'http://10.0.0.2:9000', controlUrl: 'http://10.0.0.2:9000/control' });
  expect(exchangeUrls('kraken', '::1', 1).wsUrl).toBe('ws://[::1]:1/v2');
  expect(simSymbols('binance', 2)).toEqual(['BTCUSDT', 'ETHUSDT']);
  expect(simSymbols('coinbase', 22).slice(-2)).toEqual(['SIM21-USD', 'SIM22-USD']);
  expect(() => simSymbols('kraken', 0)).toThrow(/positive integer/);
});
