import type { ProbeReading } from '../../chaos/probe-reading';
import type { InvariantResult } from '../../report-model/chaos-record';
import type { BrokerOffsets } from '../../probes/pipeline/broker-offsets';

export interface OffsetsNeverRegressInput {
  /** Broker offset readings in time order; failed readings are skipped. */
  readings: ReadonlyArray<ProbeReading<BrokerOffsets>>;
  /** Offending partitions listed; default 10. */
  sampleSize?: number;
}

interface Regression {
  partition: string;
  what: 'end offset' | 'committed offset' | 'partition';
  fromValue: number;
  toValue: number;
  atMs: number;
}

/**
 * Offsets never regress: per raw-topic partition, the end offset (data written) and the
 * ClickHouse group's committed offset only move forward, and no partition disappears. A committed
 * offset that falls back (or vanishes, -1 after a commit) means the group re-reads, or lost, its
 * position; an end offset that falls back means the broker lost acknowledged data.
 */
export function offsetsNeverRegress(input: OffsetsNeverRegressInput): InvariantResult {
  const name = 'consumer offsets never regress';
  const sampleSize = input.sampleSize ?? 10;
  const ok = input.readings.filter((r): r is Extract<ProbeReading<BrokerOffsets>, { ok: true }> => r.ok);
  const failed = input.readings.length - ok.length;
  if (ok.length < 2) {
    return { name, status: 'unknown', summary: `${ok.length} successful broker reading(s) of ${input.readings.length}: nothing to compare`, counts: { readings: ok.length, failedReadings: failed } };
  }
  const regressions: Regression[] = [];
  let comparisons = 0;
  const last = new Map<string, { high: number; committed: number }>();
  for (let i = 0; i < ok.length; i++) {
    const reading = ok[i]!;
    if (i > 0 && reading.atMs < ok[i - 1]!.atMs) throw new Error(`offsetsNeverRegress: readings must be in time order (reading ${i} at ${reading.atMs} ms)`);
    const seen = new Set<string>();
    for (const topic of Object.values(reading.value)) {
      for (const p of topic.partitions) {
        const key = `${topic.topic}/${p.partition}`;
        seen.add(key);
        const before = last.get(key);
        if (before) {
          comparisons++;
          if (p.high < before.high) regressions.push({ partition: key, what: 'end offset', fromValue: before.high, toValue: p.high, atMs: reading.atMs });
          if (before.committed >= 0 && p.committed < before.committed) {
            regressions.push({ partition: key, what: 'committed offset', fromValue: before.committed, toValue: p.committed, atMs: reading.atMs });
          }
        }
        last.set(key, { high: p.high, committed: p.committed });
      }
    }
    for (const [key, before] of last) {
      if (seen.has(key)) continue;
      regressions.push({ partition: key, what: 'partition', fromValue: before.high, toValue: -1, atMs: reading.atMs });
      last.delete(key);
    }
  }
  const counts = { readings: ok.length, failedReadings: failed, partitions: last.size, comparisons, regressions: regressions.length };
  if (regressions.length) {
    const first = regressions[0]!;
    return {
      name, status: 'invalid',
      summary: `${regressions.length} regression(s); first: ${first.what} of ${first.partition} went ${first.fromValue} -> ${first.toValue} at ${Math.round(first.atMs)} ms`,
      counts, samples: { regressions: regressions.slice(0, sampleSize) },
    };
  }
  if (last.size === 0) return { name, status: 'unknown', summary: 'the readings list no partition', counts };
  return { name, status: 'valid', summary: `${last.size} partitions over ${ok.length} readings: end and committed offsets only moved forward`, counts };
}
