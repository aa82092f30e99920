import { expect, test } from '@playwright/test';
import { targetTable } from '../../src/render/results-tables';

test('puts this run\'s target first and every other target beside it, "not run" where it never ran', () => {
  const table = targetTable([
    { failureMode: { number: 1, name: 'Redpanda restart' }, latest: {
      compose: { outcome: 'PASS', mttrMs: 1_700, date: '2026-12-01T12:00:00.000Z', runId: 'b' },
      embedded: { outcome: 'PASS', mttrMs: 2_600, date: '2026-12-01T10:00:00.000Z', runId: 'a' },
    } },
    { failureMode: { number: 2, name: 'ClickHouse restart' }, latest: {
      compose: { outcome: 'RECOVERED_LATE', mttrMs: 200_000, date: '2026-12-01T12:01:00.000Z', runId: 'b' },
    } },
  ], 'compose');
  const lines = table.split('\n');
  expect(lines[0]).toBe('| Test | MTTR compose | MTTR embedded |');
  expect(lines[2]).toContain('| 1. Redpanda restart | ');
  expect(lines[2]).toContain('(PASS, this run)');
  expect(lines[2]).toContain('(PASS, 2026-12-01)');
  expect(lines[3]).toContain('(RECOVERED_LATE, this run) | not run |');
});
