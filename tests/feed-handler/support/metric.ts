import { parsePrometheusText } from '../../../services/shared/prometheus';

/** One metric of a feed handler's `/metrics`, summed over the series whose labels contain `labels`. */
export async function metric(httpUrl: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  let sum = 0;
  for (const [key, value] of parsePrometheusText(text)) {
    if ((key === name || key.startsWith(`${name}{`)) && key.includes(labels)) sum += value;
  }
  return sum;
}

/** The simulator's last emitted id per symbol. */
export async function simLastIds(controlUrl: string): Promise<Record<string, number>> {
  return ((await (await fetch(`${controlUrl}/last-ids`)).json()) as { symbols: Record<string, number> }).symbols;
}
