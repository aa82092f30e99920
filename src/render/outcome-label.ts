import type { TestOutcome } from '../report-model/run-record';

/** The results table's Result cell, as the seed writes it: `✅ PASS`, `❌ NOT_RECOVERED`. */
export function outcomeLabel(outcome: TestOutcome): string {
  if (outcome === 'PASS') return '✅ PASS';
  if (outcome === 'SKIPPED') return '⏭️ SKIPPED';
  if (outcome === 'INTERRUPTED') return '⏹️ INTERRUPTED';
  if (outcome === 'NO_RECORD') return '⚠️ NO_RECORD';
  return `❌ ${outcome}`;
}
