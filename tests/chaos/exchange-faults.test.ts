import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startExchangeSim, type ExchangeSim } from '../../services/exchange-sim/exchange-sim';
import type { Fault } from '../../src/chaos/fault';
import { dropExchangeConnections } from '../../src/chaos/faults/drop-exchange-connections';
import { faultForAction } from '../../src/chaos/faults/fault-for-action';
import { malformedBurst } from '../../src/chaos/faults/malformed-burst';
import { restOutage } from '../../src/chaos/faults/rest-outage';
import { skipLiveTrades } from '../../src/chaos/faults/skip-live-trades';
import { stallExchange } from '../../src/chaos/faults/stall-exchange';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import type { ServiceState, StartedStack } from '../../src/targets/started-stack';

const SERVICE = REFERENCE_MANIFEST.services.exchanges!.binance!;
const STATE: ServiceState = { running: true, paused: false, connected: true };

/** Just what the exchange faults use of a stack: the manifest's simulator and its control URL. */
function stackOf(sim: ExchangeSim): StartedStack {
  return { manifest: REFERENCE_MANIFEST, endpoints: { exchanges: { binance: { wsUrl: sim.wsUrl, restUrl: sim.restUrl, controlUrl: sim.controlUrl } } } } as unknown as StartedStack;
}

async function subscribed(sim: ExchangeSim): Promise<WebSocket> {
  const ws = new WebSocket(`${sim.wsUrl}/${sim.symbols[0]!.toLowerCase()}@trade`);
  await new Promise<void>((resolve, reject) => ws.once('message', () => resolve()).once('error', reject));
  return ws;
}

const confirmed = (fault: Fault) => fault.confirm(STATE, STATE);
const control = async (sim: ExchangeSim, path: string) => (await fetch(`${sim.controlUrl}/${path}`)).json();

test('dropExchangeConnections closes the feed and refuses new connections until heal', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 100 });
  const stack = stackOf(sim);
  const fault = dropExchangeConnections(SERVICE, { refuseMs: 60_000 });
  expect(confirmed(fault).applied).toBe(false);
  await subscribed(sim);
  await fault.inject(stack);
  expect(confirmed(fault)).toEqual({ applied: true, detail: `${SERVICE} closed 1 WebSocket(s) and refuses new ones` });
  expect(await control(sim, 'connections')).toMatchObject({ refusing: true });
  await faultForAction(fault.action, SERVICE).heal(stack);
  expect(await control(sim, 'connections')).toMatchObject({ refusing: false });
});

test('stallExchange and malformedBurst are confirmed only when a connection was there to take them', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 100 });
  const stack = stackOf(sim);
  const idleStall = stallExchange(SERVICE);
  await idleStall.inject(stack);
  expect(confirmed(idleStall)).toEqual({ applied: false, detail: `${SERVICE} had no WebSocket to hang` });
  const ws = await subscribed(sim);
  const burst = malformedBurst(SERVICE, { count: 5 });
  await burst.inject(stack);
  expect(confirmed(burst).applied).toBe(true);
  expect(burst.delivered()).toBe(5);
  const stall = stallExchange(SERVICE);
  await stall.inject(stack);
  expect(confirmed(stall)).toEqual({ applied: true, detail: `${SERVICE} hung 1 open WebSocket(s)` });
  ws.close();
});

test('skipLiveTrades returns once the trades were left out, and its heal cancels a skip still under way', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 2, ratePerSymbol: 200 });
  const stack = stackOf(sim);
  const fault = skipLiveTrades(SERVICE, { perSymbol: 20 });
  await fault.inject(stack);
  expect(confirmed(fault)).toEqual({ applied: true, detail: `${SERVICE} left 40 trades off its live feed` });
  expect(await control(sim, 'skip')).toEqual({ pending: 0, skipped: 40 });
  await fetch(`${sim.controlUrl}/skip`, { method: 'POST', body: JSON.stringify({ count: 100_000 }) });
  await faultForAction('skip-trades', SERVICE).heal(stack);
  expect(await control(sim, 'skip')).toMatchObject({ pending: 0 });
});

test('restOutage answers REST 503 until heal', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 10 });
  const stack = stackOf(sim);
  const fault = restOutage(SERVICE, { durationMs: 60_000 });
  await fault.inject(stack);
  expect(confirmed(fault).applied).toBe(true);
  expect((await fetch(`${sim.restUrl}/api/v3/trades?symbol=${sim.symbols[0]}`)).status).toBe(503);
  await faultForAction(fault.action, SERVICE).heal(stack);
  expect((await fetch(`${sim.restUrl}/api/v3/trades?symbol=${sim.symbols[0]}`)).status).toBe(200);
});

test('a simulator without the control API is named as such', async () => {
  await using sim = await startExchangeSim({ exchange: 'binance', host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 10, publicOnly: true });
  await expect(restOutage(SERVICE, { durationMs: 1_000 }).inject(stackOf(sim))).rejects.toThrow(`${SERVICE} has no control API (a live exchange, or a simulator run --public-only)`);
});
