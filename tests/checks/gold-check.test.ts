import { expect, test } from '@playwright/test';
import { goldCheck } from '../../src/checks/gold-check';
import type { InvariantCheck } from '../../src/chaos/invariant-check';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { PipelineSource } from '../../src/probes/pipeline/pipeline-source';

/** A source whose gold reads `goldCounts` in turn (the last one from then on) while silver holds 100 trades in one minute. */
function scriptedSource(goldCounts: number[]): PipelineSource {
  const source = new PipelineSource({} as never, REFERENCE_MANIFEST);
  const minute = String(Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60);
  let reads = 0;
  source.rows = async <T>(query: string): Promise<T[]> => {
    if (query.includes('FINAL')) return [{ exchange: 'binance', symbol: 'BTCUSDT', m: minute, n: '100' }] as T[];
    const n = goldCounts[Math.min(reads++, goldCounts.length - 1)]!;
    return [{ exchange: 'binance', symbol: 'BTCUSDT', m: minute, n: String(n) }] as T[];
  };
  return source;
}

const run = (check: InvariantCheck) => (typeof check === 'function' ? check() : check.check());

test('a gold that catches up with silver is valid, and the result says how long it lagged and what the first reading found', async () => {
  const result = await run(goldCheck(scriptedSource([90, 100]), Date.now()));
  expect(result.status).toBe('valid');
  expect(result.summary).toMatch(/^1 exchange\/symbol minutes: 0 missing in gold, 0 only in gold, 0 with another trade count; gold caught up after \d+\.\d s \(first reading: 1 exchange\/symbol minutes: 0 missing in gold, 0 only in gold, 1 with another trade count\)$/);
});

test('a gold that matches at once says nothing of catching up', async () => {
  const result = await run(goldCheck(scriptedSource([100]), Date.now()));
  expect(result).toMatchObject({ status: 'valid', summary: '1 exchange/symbol minutes: 0 missing in gold, 0 only in gold, 0 with another trade count' });
});
