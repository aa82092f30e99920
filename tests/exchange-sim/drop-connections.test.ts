import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';

const open = (url: string) => new Promise<WebSocket>((resolve, reject) => {
  const ws = new WebSocket(url);
  ws.once('open', () => resolve(ws));
  ws.once('error', reject);
});

test('disconnect drops every WebSocket and refuses new ones with 503 until accept', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 10 });
  const ws = await open(sim.wsUrl);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const dropped = await fetch(`${sim.controlUrl}/disconnect`, { method: 'POST', body: JSON.stringify({ refuseMs: 60_000 }) });
  expect(await dropped.json()).toEqual({ closed: 1, refusingMs: 60_000 });
  await closed;
  await expect(open(sim.wsUrl)).rejects.toThrow('503');
  expect(await (await fetch(`${sim.controlUrl}/connections`)).json()).toEqual({ connections: 0, refusing: true });
  await fetch(`${sim.controlUrl}/accept`, { method: 'POST' });
  (await open(sim.wsUrl)).close();
});

test('a bad refusal is named', async () => {
  await using sim = await startExchangeSim({ exchange: 'kraken', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 10 });
  const bad = await fetch(`${sim.controlUrl}/disconnect`, { method: 'POST', body: JSON.stringify({ refuseMs: -5 }) });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toContain('refuseMs must be a number of milliseconds from 0 to 600000');
});

test('stall hangs the open sessions, which still answer pings, while new connections are served', async () => {
  await using sim = await startExchangeSim({ exchange: 'kraken', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 200 });
  const ws = await open(sim.wsUrl);
  let messages = 0;
  ws.on('message', () => messages++);
  ws.send(JSON.stringify({ method: 'subscribe', params: { channel: 'trade', symbol: [sim.symbols[0]] } }));
  await expect.poll(() => messages).toBeGreaterThan(0);
  expect(await (await fetch(`${sim.controlUrl}/stall`, { method: 'POST' })).json()).toEqual({ stalled: 1 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const after = messages;
  const pong = new Promise<void>((resolve) => ws.once('pong', () => resolve()));
  ws.ping();
  await pong;
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(messages).toBe(after);
  const fresh = await open(sim.wsUrl);
  const served = new Promise<void>((resolve) => fresh.once('message', () => resolve()));
  fresh.send(JSON.stringify({ method: 'subscribe', params: { channel: 'trade', symbol: [sim.symbols[0]] } }));
  await served;
  fresh.close();
  ws.close();
});
