import { expect, test } from '@playwright/test';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultJournal } from '../../src/chaos/fault-journal';
import { healPendingFaults } from '../../src/chaos/heal-pending-faults';
import { pause } from '../../src/chaos/faults/pause';
import { stop } from '../../src/chaos/faults/stop';
import { disconnect } from '../../src/chaos/faults/disconnect';
import { MemoryStack } from './support/memory-stack';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k2-journal-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a registered fault stays pending until a successful heal is journalled', () => {
  const journal = new FaultJournal(dir);
  const a = journal.register(stop('broker'), 'test a');
  const b = journal.register(pause('clickhouse'));
  journal.recordHeal(a.id, 'teardown', 'start failed');
  expect(journal.pending().map((e) => e.name)).toEqual(['stop broker', 'pause clickhouse']);
  journal.recordHeal(a.id, 'global-teardown');
  expect(journal.pending().map((e) => e.id)).toEqual([b.id]);
  // Another process reading the same file sees the same thing.
  expect(new FaultJournal(dir).pending().map((e) => e.id)).toEqual([b.id]);
});

test('a line torn by a killed writer is skipped, not fatal', () => {
  const journal = new FaultJournal(dir);
  journal.register(stop('broker'));
  appendFileSync(journal.file, '{"event":"inject","id":"x","na');
  expect(journal.pending()).toHaveLength(1);
});

test('pending faults heal newest first and are then no longer pending', async () => {
  const stack = new MemoryStack(dir, ['broker', 'clickhouse']);
  const journal = new FaultJournal(dir);
  for (const fault of [stop('broker'), pause('clickhouse'), disconnect('clickhouse')]) {
    journal.register(fault);
    await fault.inject(stack);
  }
  const outcomes = await healPendingFaults(stack, journal, journal.pending(), 'next-worker');
  expect(outcomes.every((o) => !o.error)).toBe(true);
  expect(stack.calls.slice(3)).toEqual(['connect clickhouse', 'unpause clickhouse', 'start broker']);
  expect(stack.isHealthy('broker') && stack.isHealthy('clickhouse')).toBe(true);
  expect(journal.pending()).toEqual([]);
});

test('a heal that throws is journalled with its error, stays pending, and does not stop the others', async () => {
  const stack = new MemoryStack(dir, ['broker', 'clickhouse'], { throws: ['unpause'] });
  const journal = new FaultJournal(dir);
  journal.register(stop('broker'));
  journal.register(pause('clickhouse'));
  const outcomes = await healPendingFaults(stack, journal, journal.pending(), 'teardown');
  expect(outcomes.map((o) => o.error)).toEqual(['unpause clickhouse failed', undefined]);
  expect(journal.pending().map((e) => e.name)).toEqual(['pause clickhouse']);
  expect(stack.isHealthy('broker')).toBe(true);
});
