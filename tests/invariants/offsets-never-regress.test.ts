import { expect, test } from '@playwright/test';
import type { ProbeReading } from '../../src/chaos/probe-reading';
import { offsetsNeverRegress } from '../../src/invariants/pipeline';
import type { BrokerOffsets, TopicOffsets } from '../../src/probes/pipeline/broker-offsets';

function topic(name: string, partitions: Array<[high: number, committed: number]>): TopicOffsets {
  return {
    topic: name, group: `g.${name}`,
    partitions: partitions.map(([high, committed], partition) => ({ partition, low: 0, high, committed, lag: high - Math.max(committed, 0) })),
    endOffsetSum: partitions.reduce((s, [h]) => s + h, 0),
    totalLag: 0,
  };
}

function reading(atMs: number, binance: Array<[number, number]>, kraken: Array<[number, number]> = [[5, 5]]): ProbeReading<BrokerOffsets> {
  return { ok: true, atMs, value: { binance: topic('b', binance), kraken: topic('k', kraken), coinbase: topic('c', []) } };
}

test('valid when end and committed offsets only move forward, a failed read in between', () => {
  const result = offsetsNeverRegress({
    readings: [reading(0, [[10, -1], [4, 2]]), { ok: false, error: 'broker down', atMs: 500 }, reading(1_000, [[12, 10], [4, 4]]), reading(2_000, [[12, 12], [9, 4]])],
  });
  expect(result).toMatchObject({ status: 'valid', counts: { readings: 3, failedReadings: 1, partitions: 3, regressions: 0 } });
});

test('invalid when a committed offset falls back or is lost, an end offset shrinks, or a partition vanishes', () => {
  const result = offsetsNeverRegress({
    readings: [reading(0, [[10, 8], [4, 4]]), reading(1_000, [[10, 6], [3, -1]]), reading(2_000, [[10, 6]])],
  });
  expect(result.status).toBe('invalid');
  expect(result.summary).toBe('4 regression(s); first: committed offset of b/0 went 8 -> 6 at 1000 ms');
  expect((result.samples?.regressions as Array<{ partition: string; what: string }>).map((r) => `${r.partition} ${r.what}`)).toEqual([
    'b/0 committed offset', 'b/1 end offset', 'b/1 committed offset', 'b/1 partition',
  ]);
});

test('unknown with fewer than two successful readings or no partitions', () => {
  expect(offsetsNeverRegress({ readings: [reading(0, [[1, 1]]), { ok: false, error: 'x', atMs: 1 }] }).status).toBe('unknown');
  expect(offsetsNeverRegress({ readings: [] }).status).toBe('unknown');
  const none: ProbeReading<BrokerOffsets> = { ok: true, atMs: 0, value: { binance: topic('b', []), kraken: topic('k', []), coinbase: topic('c', []) } };
  expect(offsetsNeverRegress({ readings: [none, { ...none, atMs: 1 }] }).status).toBe('unknown');
  expect(() => offsetsNeverRegress({ readings: [reading(5, [[1, 1]]), reading(1, [[1, 1]])] })).toThrow(/time order/);
});

test("reReads 'report': a committed offset stepping back is counted as a re-read, while a lost position or a shrunk end offset still fails", () => {
  const stepBack = [reading(0, [[10, 8]]), reading(1_000, [[12, 6]]), reading(2_000, [[14, 12]])];
  const reported = offsetsNeverRegress({ readings: stepBack, reReads: 'report' });
  expect(reported).toMatchObject({ status: 'valid', counts: { regressions: 0, reReads: 1 } });
  expect(reported.summary).toBe('2 partitions over 3 readings: end offsets only moved forward; 1 committed offset(s) stepped back, a re-read (reported: at-least-once), first b/0 8 -> 6');
  expect(offsetsNeverRegress({ readings: stepBack }).status).toBe('invalid');
  expect(offsetsNeverRegress({ readings: [reading(0, [[10, 8]]), reading(1_000, [[10, -1]])], reReads: 'report' }).status).toBe('invalid');
  expect(offsetsNeverRegress({ readings: [reading(0, [[10, 8]]), reading(1_000, [[9, 8]])], reReads: 'report' }).status).toBe('invalid');
});
