import type { StackEndpoints } from '../../targets/endpoints';
import type { Exchange } from '../../stack/names';

const TIMEOUT_MS = 5_000;

/**
 * When the simulator of `exchange` emitted each of `ids` of `symbol` (Unix ms; null for an id it
 * never emitted), from its control API. Read only.
 */
export async function readEmissionTimes(endpoints: StackEndpoints, exchange: Exchange, symbol: string, ids: readonly number[]): Promise<Record<number, number | null>> {
  const url = `${endpoints.exchanges[exchange].controlUrl.replace(/\/$/, '')}/emission-time?symbol=${encodeURIComponent(symbol)}&ids=${ids.join(',')}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${exchange} simulator answered ${response.status} for the emission times of ${symbol}`);
  return ((await response.json()) as { times: Record<number, number | null> }).times;
}
