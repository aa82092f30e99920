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

test('skip leaves the next ids of every symbol off the live feed while REST history keeps them', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 200 });
  const ws = await open(`${sim.wsUrl.replace(/\/ws$/, '')}/ws/${sim.symbols[0]!.toLowerCase()}@trade`);
  const ids: number[] = [];
  ws.on('message', (data) => {
    const event = JSON.parse(data.toString()) as { t?: number };
    if (typeof event.t === 'number') ids.push(event.t);
  });
  await expect.poll(() => ids.length).toBeGreaterThan(0);
  const asked = await fetch(`${sim.controlUrl}/skip`, { method: 'POST', body: JSON.stringify({ count: 30 }) });
  expect(await asked.json()).toEqual({ skippingPerSymbol: 30, symbols: 1 });
  await expect.poll(async () => (await (await fetch(`${sim.controlUrl}/skip`)).json())).toEqual({ pending: 0, skipped: 30 });
  const seenBefore = ids.length;
  await expect.poll(() => ids.length).toBeGreaterThan(seenBefore);
  ws.close();
  const steps = ids.slice(1).map((id, i) => id - ids[i]!);
  expect(steps.filter((step) => step !== 1)).toEqual([31]);
  const gapFrom = ids[steps.indexOf(31)]! + 1;
  const rest = (await (await fetch(`${sim.controlUrl}/trades?symbol=${sim.symbols[0]}&fromId=${gapFrom}&toId=${gapFrom + 29}`)).json()) as { trades: unknown[] };
  expect(rest.trades).toHaveLength(30);
});

test('rest-down answers the REST history 503 until it ends, and a bad duration is named', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 10 });
  const history = `${sim.restUrl}/api/v3/trades?symbol=${sim.symbols[0]}&limit=5`;
  expect((await fetch(history)).status).toBe(200);
  expect(await (await fetch(`${sim.controlUrl}/rest-down`, { method: 'POST', body: JSON.stringify({ durationMs: 60_000 }) })).json()).toEqual({ down: true, durationMs: 60_000 });
  expect((await fetch(history)).status).toBe(503);
  expect(await (await fetch(`${sim.controlUrl}/rest`)).json()).toEqual({ down: true, refused: 1 });
  expect(await (await fetch(`${sim.controlUrl}/rest-up`, { method: 'POST' })).json()).toEqual({ down: false, refused: 1 });
  expect((await fetch(history)).status).toBe(200);
  const bad = await fetch(`${sim.controlUrl}/rest-down`, { method: 'POST', body: JSON.stringify({ durationMs: 0 }) });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toContain('durationMs must be a number of milliseconds above 0');
});
