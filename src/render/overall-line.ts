import type { RunTestRecord } from '../report-model/run-record';
import type { FailureModeSummary } from '../history/failure-mode-summary';
import { formatDurationMs, formatLimitMs } from './format-duration';

const label = (fm: { number: number; name: string }) => `${fm.number}. ${fm.name}`;

/** The seed's "Overall" line: how many failure modes pass, which do not, and MTTR against target. */
export function overallLine(summaries: readonly FailureModeSummary[], looseTests: readonly RunTestRecord[]): string {
  const total = summaries.length;
  if (total === 0 && looseTests.length === 0) return '**Overall**: no failure mode ran.';
  const failing = summaries.filter((s) => s.outcome !== 'PASS');
  const parts: string[] = [];
  if (total > 0) {
    parts.push(failing.length === 0
      ? (total === 1 ? 'The 1 failure mode run passes.' : `All ${total} failure modes pass.`)
      : `${total - failing.length} of ${total} failure modes pass. Not passing: ${failing.map((s) => `${label(s.failureMode)} (${s.outcome})`).join(', ')}.`);
  }
  const late = summaries.filter((s) =>
    s.tests.some((t) => t.outcome === 'RECOVERED_LATE') || (s.mttrP50Ms !== undefined && s.mttrTargetMs !== undefined && s.mttrP50Ms > s.mttrTargetMs));
  const measured = summaries.filter((s) => s.mttrP50Ms !== undefined).length;
  if (late.length > 0) {
    parts.push(`MTTR over target: ${late.map((s) => `${label(s.failureMode)} (${formatDurationMs(s.mttrP50Ms)}, target ${formatLimitMs(s.mttrTargetMs)})`).join(', ')}.`);
  } else if (measured === total && total > 0) {
    parts.push('All MTTR values within target.');
  } else if (measured > 0) {
    parts.push(`All ${measured} measured MTTR values within target; ${total - measured} not measured.`);
  }
  const looseFailing = looseTests.filter((t) => t.outcome !== 'PASS' && t.outcome !== 'NO_RECORD');
  if (looseTests.length > 0) {
    parts.push(`${looseTests.length} test(s) outside the seed's failure modes, ${looseFailing.length} not passing.`);
  }
  return `**Overall**: ${parts.join(' ')}`;
}
