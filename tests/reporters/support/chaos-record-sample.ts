import type { ChaosRecord } from '../../../src/report-model/chaos-record';

/** Two exchanges ingesting, stalled between inject and firstProgress, and the lag meanwhile. */
function sampleTimeline(marks: ChaosRecord['marks']): ChaosRecord['timeline'] {
  const endMs = (marks.steadyMs ?? 20_000) + 5_000;
  const stalled = (t: number) => marks.injectMs !== undefined && t >= marks.injectMs && t < (marks.firstProgressMs ?? Infinity);
  const times = Array.from({ length: Math.floor(endMs / 1_000) + 1 }, (_, i) => i * 1_000);
  return [
    { name: 'binance', unit: 'trades/s', points: times.map((t) => [t, stalled(t) ? 0 : 40 + (t % 3_000) / 300]) },
    { name: 'kraken', unit: 'trades/s', points: times.map((t) => [t, stalled(t) ? 0 : 12]) },
    { name: 'end-to-end lag', unit: 'ms', points: times.map((t) => [t, stalled(t) ? 900 + (t - (marks.injectMs ?? 0)) : 150]) },
  ];
}

/** A ChaosRecord as the chaos fixture attaches it; MTTR and outage follow from the marks. */
export function chaosRecordSample(overrides: Partial<ChaosRecord> & { mttrMs?: number } = {}): ChaosRecord {
  const mttrMs = overrides.mttrMs ?? 10_000;
  const marks = overrides.marks ?? { injectMs: 5_000, healMs: 8_000, firstProgressMs: 8_000 + mttrMs, steadyMs: 8_000 + mttrMs + 2_000 };
  const durations = overrides.durations ?? {
    mttrMs: marks.firstProgressMs !== undefined && marks.healMs !== undefined ? marks.firstProgressMs - marks.healMs : undefined,
    outageMs: marks.firstProgressMs !== undefined && marks.injectMs !== undefined ? marks.firstProgressMs - marks.injectMs : undefined,
    timeToSteadyMs: marks.steadyMs !== undefined && marks.healMs !== undefined ? marks.steadyMs - marks.healMs : undefined,
  };
  const { mttrMs: _ignored, ...rest } = overrides;
  return {
    schemaVersion: 1,
    failureMode: { number: 1, name: 'Redpanda restart' },
    title: 'resumes ingestion within 2 min after a broker restart',
    target: 'embedded',
    manifest: 'reference',
    outcome: 'PASS',
    mttrTargetMs: 120_000,
    startedAt: '2026-11-28T10:00:00.000Z',
    faults: [{ name: 'restart broker', service: 'broker', action: 'restart', injectedAt: '2026-11-28T10:00:05.000Z', healedAt: '2026-11-28T10:00:08.000Z', confirmed: true }],
    invariants: [
      { name: 'trade-ledger', status: 'valid', summary: '0 lost, 0 duplicated of 41 230 trades', counts: { expected: 41_230, lost: 0, duplicated: 0 } },
      { name: 'offsets-monotonic', status: 'valid', summary: 'no offset regressed' },
    ],
    notes: ['12 new rows ingested post-restart'],
    ...rest,
    marks,
    durations,
    timeline: overrides.timeline ?? sampleTimeline(marks),
  };
}
