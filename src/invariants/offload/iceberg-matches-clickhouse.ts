import type { InvariantResult } from '../../report-model/chaos-record';

export interface IcebergMatchesClickHouseInput {
  table: string;
  /** Row keys (e.g. `symbol|trade_id`) ClickHouse holds in the offloaded window, one per row. */
  clickhouseKeys: string[];
  /** Row keys Iceberg holds for the same window, one per row. */
  icebergKeys: string[];
}

const SAMPLE = 10;

/**
 * For the offloaded window Iceberg holds exactly the ClickHouse rows: compared as multisets by
 * key, so a window written twice (a retried run that had committed) shows as duplicated, and a
 * skipped window as lost. Rows ClickHouse itself holds twice must be in Iceberg twice.
 */
export function icebergMatchesClickHouse(input: IcebergMatchesClickHouseInput): InvariantResult {
  const name = `Iceberg holds exactly the ClickHouse rows of ${input.table}`;
  const balance = new Map<string, number>();
  for (const k of input.clickhouseKeys) balance.set(k, (balance.get(k) ?? 0) + 1);
  const inClickHouse = new Set(balance.keys());
  for (const k of input.icebergKeys) balance.set(k, (balance.get(k) ?? 0) - 1);
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  const samples = { lost: [] as string[], duplicated: [] as string[], unexpected: [] as string[] };
  for (const [key, diff] of balance) {
    if (diff > 0) {
      lost += diff;
      if (samples.lost.length < SAMPLE) samples.lost.push(key);
    } else if (diff < 0 && inClickHouse.has(key)) {
      duplicated += -diff;
      if (samples.duplicated.length < SAMPLE) samples.duplicated.push(key);
    } else if (diff < 0) {
      unexpected += -diff;
      if (samples.unexpected.length < SAMPLE) samples.unexpected.push(key);
    }
  }
  const counts = { expected: input.clickhouseKeys.length, observed: input.icebergKeys.length, lost, duplicated, unexpected };
  const summary = `${lost} lost, ${duplicated} duplicated, ${unexpected} unexpected of ${input.clickhouseKeys.length} rows`;
  if (lost || duplicated || unexpected) {
    return { name, status: 'invalid', summary, counts, samples: Object.fromEntries(Object.entries(samples).filter(([, v]) => v.length)) };
  }
  return { name, status: 'valid', summary, counts };
}
