import { parsePrometheusText } from '../../../services/shared/prometheus';

const TIMEOUT_MS = 3_000;

/** A feed handler's `/metrics`, parsed (`name{labels}` -> value); undefined when it does not answer. Read only. */
export async function readHandlerMetrics(httpUrl: string): Promise<Map<string, number> | undefined> {
  try {
    const response = await fetch(`${httpUrl}/metrics`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) return undefined;
    return parsePrometheusText(await response.text());
  } catch {
    return undefined;
  }
}
