import type { ChaosRecord } from '../report-model/chaos-record';
import { formatDurationMs, formatLimitMs } from './format-duration';
import { markdownTable } from './markdown-table';
import { outcomeLabel } from './outcome-label';
import { invariantsCell } from './test-notes';

/** Name/value facts of one record, in reading order, for annotations and report parameters. */
export function chaosRecordFacts(record: ChaosRecord): Array<{ name: string; value: string }> {
  const { durations } = record;
  const facts = [
    { name: 'failure mode', value: `${record.failureMode.number}. ${record.failureMode.name}` },
    { name: 'outcome', value: record.reason && record.outcome !== 'PASS' ? `${record.outcome}: ${record.reason}` : record.outcome },
    { name: 'MTTR', value: `${formatDurationMs(durations.mttrMs)} (target ${formatLimitMs(record.mttrTargetMs)})` },
    { name: 'outage', value: formatDurationMs(durations.outageMs) },
    { name: 'time to steady', value: formatDurationMs(durations.timeToSteadyMs) },
    { name: 'invariants', value: invariantsCell(record.invariants) },
  ];
  if (record.faults.length > 0) {
    facts.push({ name: 'faults', value: record.faults.map((f) => `${f.name}${f.confirmed ? '' : ' (not confirmed)'}${f.healError ? ` (heal failed: ${f.healError})` : ''}`).join(', ') });
  }
  return facts;
}

/** A markdown description of one record: headline, recovery figures, invariants and notes. */
export function chaosRecordMarkdown(record: ChaosRecord): string {
  const { durations } = record;
  const lines = [
    `**${record.failureMode.number}. ${record.failureMode.name}**: ${outcomeLabel(record.outcome)}${record.reason && record.outcome !== 'PASS' ? ` (${record.reason})` : ''}`,
    '',
    markdownTable(['MTTR', 'MTTR target', 'Outage', 'Time to steady', 'Target', 'Manifest'], [[
      formatDurationMs(durations.mttrMs), formatLimitMs(record.mttrTargetMs), formatDurationMs(durations.outageMs),
      formatDurationMs(durations.timeToSteadyMs), record.target, record.manifest,
    ]]),
  ];
  if (record.invariants.length > 0) {
    lines.push('', ...record.invariants.map((i) => `- ${i.status === 'valid' ? '✅' : i.status === 'invalid' ? '❌' : '❓'} ${i.name}: ${i.summary}`));
  }
  if (record.notes.length > 0) lines.push('', ...record.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
