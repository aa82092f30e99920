import type { Exchange } from '../../stack/names';
import type { StartedStack } from '../../targets/started-stack';

const TIMEOUT_MS = 5_000;

/** The exchange simulated by `service`, and its control API (`.../control`). */
export function exchangeControl(stack: StartedStack, service: string): { exchange: Exchange; url: string } {
  const entry = Object.entries(stack.manifest.services.exchanges ?? {}).find(([, s]) => s === service);
  if (!entry) throw new Error(`${service} is not an exchange simulator of this stack (exchanges: ${Object.values(stack.manifest.services.exchanges ?? {}).join(', ') || 'none'})`);
  const exchange = entry[0] as Exchange;
  return { exchange, url: stack.endpoints.exchanges[exchange].controlUrl.replace(/\/$/, '') };
}

/** POSTs JSON to a control route; a simulator without the control API is named as such. */
export function postControl(url: string, service: string, body: unknown): Promise<unknown> {
  return requestControl(url, service, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** GETs a control route's JSON answer. */
export function getControl(url: string, service: string): Promise<unknown> {
  return requestControl(url, service, { method: 'GET' });
}

async function requestControl(url: string, service: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status === 404) throw new Error(`${service} has no control API (a live exchange, or a simulator run --public-only), so the fault cannot be applied`);
  if (!response.ok) throw new Error(`${service} answered ${response.status} to ${init.method} ${new URL(url).pathname}: ${(await response.text()).slice(0, 200)}`);
  return response.json();
}
