import type { InvariantResult } from '../report-model/chaos-record';
import type { RunTestRecord } from '../report-model/run-record';

/**
 * The Notes cell: why it did not pass, the Playwright error, then the test's own notes, or what
 * its invariants counted when it wrote none.
 */
export function testNotes(test: RunTestRecord): string {
  const parts: string[] = [];
  if (test.outcome !== 'PASS' && test.record?.reason) parts.push(test.record.reason);
  if (test.skipReason) parts.push(test.skipReason);
  if ((test.outcome === 'ERROR' || test.outcome === 'NO_RECORD' || !test.record) && test.errors[0]) {
    parts.push(`Playwright ${test.status}: ${test.errors[0]}`);
  }
  parts.push(...(test.record?.notes ?? []));
  // Like the seed's notes ("12 new rows ingested post-restart"): what the checkers counted.
  if (test.record && test.record.notes.length === 0) parts.push(...test.record.invariants.map((i) => i.summary));
  if (parts.length === 0 && test.outcome === 'SKIPPED') parts.push('skipped');
  return parts.join('; ');
}

const ICON = { valid: '✅', invalid: '❌', unknown: '❓' } as const;

/** The Invariants cell: `3/3 valid`, or the count plus each invariant that did not hold. */
export function invariantsCell(invariants: readonly InvariantResult[] | undefined): string {
  if (!invariants || invariants.length === 0) return '—';
  const valid = invariants.filter((i) => i.status === 'valid').length;
  const failing = invariants
    .filter((i) => i.status !== 'valid')
    .map((i) => {
      const counts = i.counts ? ` (${Object.entries(i.counts).map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
      return `${ICON[i.status]} ${i.name}: ${i.summary}${counts}`;
    });
  return [`${valid}/${invariants.length} valid`, ...failing].join('; ');
}
