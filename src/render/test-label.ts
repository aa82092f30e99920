import type { RunTestRecord } from '../report-model/run-record';

/** `1. Redpanda restart`, or the test title when the test has no failure mode. */
export function failureModeLabel(test: Pick<RunTestRecord, 'failureMode' | 'title'>): string {
  return test.failureMode ? `${test.failureMode.number}. ${test.failureMode.name}` : test.title;
}

/** The label plus `#2` for the second repetition under `--repeat-each`, and the retry. */
export function testRunLabel(test: RunTestRecord, repeated: boolean): string {
  const repeat = repeated ? ` #${test.repeatEachIndex + 1}` : '';
  const retry = test.retry > 0 ? ` (retry ${test.retry})` : '';
  return `${failureModeLabel(test)}${repeat}${retry}`;
}

/** A file-name-safe form of a label: `01-redpanda-restart`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'test';
}
