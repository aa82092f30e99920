import type { ProbeReading } from '../../chaos/probe-reading';
import type { InvariantResult } from '../../report-model/chaos-record';
import type { BrokerOffsets } from '../../probes/pipeline/broker-offsets';

export interface OffsetsNeverRegressInput {
  /** Broker offset readings in time order; failed readings are skipped. */
  readings: ReadonlyArray<ProbeReading<BrokerOffsets>>;
  /** Offending partitions listed; default 10. */
  sampleSize?: number;
  /**
   * A committed offset that steps back (not to -1) is a re-read: the group reads those records
   * again, at least once, as bronze's duplicates are. 'fail' (the default) counts it as a
   * regression; 'report' counts it apart, for faults that reset the consumers' connections, where
   * a commit whose reply was lost is sent again after a newer one. End offsets always fail.
   */
  reReads?: 'fail' | 'report';
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
  const reReads: Regression[] = [];
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
            const regression: Regression = { partition: key, what: 'committed offset', fromValue: before.committed, toValue: p.committed, atMs: reading.atMs };
            (input.reReads === 'report' && p.committed >= 0 ? reReads : regressions).push(regression);
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
  const counts = { readings: ok.length, failedReadings: failed, partitions: last.size, comparisons, regressions: regressions.length, ...(input.reReads === 'report' ? { reReads: reReads.length } : {}) };
  const reReadNote = reReads.length === 0 ? '' : `; ${reReads.length} committed offset(s) stepped back, a re-read (reported: at-least-once), first ${reReads[0]!.partition} ${reReads[0]!.fromValue} -> ${reReads[0]!.toValue}`;
  if (regressions.length) {
    const first = regressions[0]!;
    return {
      name, status: 'invalid',
      summary: `${regressions.length} regression(s); first: ${first.what} of ${first.partition} went ${first.fromValue} -> ${first.toValue} at ${Math.round(first.atMs)} ms`,
      counts, samples: { regressions: regressions.slice(0, sampleSize) },
    };
  }
  if (last.size === 0) return { name, status: 'unknown', summary: 'the readings list no partition', counts };
  if (reReads.length > 0) return { name, status: 'valid', summary: `${last.size} partitions over ${ok.length} readings: end offsets only moved forward${reReadNote}`, counts, samples: { reReads: reReads.slice(0, sampleSize) } };
  return { name, status: 'valid', summary: `${last.size} partitions over ${ok.length} readings: end and committed offsets only moved forward`, counts };
}
