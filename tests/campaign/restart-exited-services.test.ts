import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignRecord } from '../../src/campaign/campaign-record';
import { RestartExitedServices, restartDelayMs } from '../../src/campaign/restart-exited-services';
import { campaignSection } from '../../src/render/campaign-section';
import { FaultJournal } from '../../src/chaos/fault-journal';
import { ManualClock } from '../../src/chaos/manual-clock';
import { MemoryStack } from '../chaos/support/memory-stack';

function setUp(quirks: ConstructorParameters<typeof MemoryStack>[2] = {}) {
  const stack = new MemoryStack(mkdtempSync(join(tmpdir(), 'k2-restart-')), ['broker', 'clickhouse'], quirks);
  const journal = new FaultJournal(stack.runDir);
  const clock = new ManualClock(5_000);
  const lines: string[] = [];
  const policy = new RestartExitedServices({ stack, journal, clock, startMs: 5_000, log: (line) => lines.push(line) });
  policy.start();
  return { stack, journal, clock, policy, lines };
}

test('a service that exits with no fault on it is started again after the first delay, and the exit is recorded', async () => {
  const { stack, clock, policy, lines } = setUp();
  await clock.advance(2_000);
  await stack.kill('clickhouse');
  await clock.advance(1_000);
  expect((await stack.state('clickhouse')).running).toBe(false);
  await clock.advance(1_000);
  expect((await stack.state('clickhouse')).running).toBe(true);
  expect(await policy.stop()).toEqual([{ service: 'clickhouse', noticedAtMs: 3_000, restartedAtMs: 4_000 }]);
  expect(stack.calls).toEqual(['kill clickhouse', 'start clickhouse']);
  expect(lines[0]).toContain('clickhouse exited on its own at 3.0 s');
});

test('a service held down by a pending fault stays down until the fault is healed', async () => {
  const { stack, journal, clock, policy } = setUp();
  const entry = journal.register({ name: 'kill broker', service: 'broker', action: 'kill' });
  await stack.kill('broker');
  await clock.advance(30_000);
  expect((await stack.state('broker')).running).toBe(false);
  journal.recordHeal(entry.id, 'experiment');
  await clock.advance(3_000);
  expect((await stack.state('broker')).running).toBe(true);
  // The heal left it down here (a heal that did not start it): after the fault, that is an exit.
  expect((await policy.stop()).map((e) => e.service)).toEqual(['broker']);
});

test('a heal that starts the service while its state is being read is no exit', async () => {
  const { stack, journal, clock, policy } = setUp();
  const entry = journal.register({ name: 'kill broker', service: 'broker', action: 'kill' });
  await stack.kill('broker');
  const read = stack.state.bind(stack);
  let raced = false;
  // The soak's case: the policy reads "not running", then the kill's heal starts the broker and
  // marks the fault healed before the policy looks at the journal.
  stack.state = async (service) => {
    const state = await read(service);
    if (service === 'broker' && !state.running && !raced) {
      raced = true;
      await stack.start('broker');
      journal.recordHeal(entry.id, 'experiment');
    }
    return state;
  };
  await clock.advance(5_000);
  expect(raced).toBe(true);
  expect(await policy.stop()).toEqual([]);
  expect(stack.calls.filter((c) => c === 'start broker')).toHaveLength(1);
});

test('a service that keeps exiting waits twice as long each time, and a failed start is tried again, as one exit', async () => {
  expect([0, 1, 2, 5, 6, 40].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 32_000, 60_000, 60_000]);
  const { stack, clock, policy } = setUp({ throws: ['start'] });
  await clock.advance(500);
  await stack.kill('clickhouse');
  await clock.advance(10_000);
  const exits = await policy.stop();
  expect(exits).toEqual([{ service: 'clickhouse', noticedAtMs: 1_000, error: 'start clickhouse failed' }]);
  // Noticed at 1 s, tried 1 s, 2 s and 4 s later (at 2, 4 and 8 s); the next try would be at 16 s.
  expect(stack.calls.filter((c) => c === 'start clickhouse')).toHaveLength(3);
});

test('a service that stayed up 10 s after its restart waits only the first delay when it exits again', async () => {
  const { stack, clock, policy } = setUp();
  await clock.advance(500);
  await stack.kill('broker');
  await clock.advance(2_000); // noticed at 1 s, restarted at 2 s
  await stack.kill('broker');
  await clock.advance(2_000); // noticed at 3 s, waits 2 s: still down at 4.5 s
  expect((await stack.state('broker')).running).toBe(false);
  await clock.advance(1_000); // restarted at 5 s
  await clock.advance(11_000); // up from 6 s to 16 s
  await stack.kill('broker');
  await clock.advance(2_000); // noticed at 17 s, restarted at 18 s
  expect((await policy.stop()).map((e) => [e.noticedAtMs, e.restartedAtMs])).toEqual([[1_000, 2_000], [3_000, 5_000], [17_000, 18_000]]);
});

test('results.md lists each exit, when it was found and when the service was started again, or why not', () => {
  const record = campaignRecord({
    choice: { durationMs: 600_000, seed: 1, faults: ['kill'], maxConcurrent: 2 }, target: 'embedded',
    planned: [], runs: [], invariants: [], suspects: [], timeline: [],
    unplannedExits: [{ service: 'clickhouse', noticedAtMs: 1_830_000, restartedAtMs: 1_831_000 }, { service: 'broker', noticedAtMs: 2_000, error: 'spawn failed' }],
  });
  const md = campaignSection(record);
  expect(md).toContain('| clickhouse | 1830.0s | 1831.0s |');
  expect(md).toContain('| broker | 2.0s | not: spawn failed |');
  expect(campaignSection({ ...record, unplannedExits: [] })).not.toContain('Exited with no fault');
});
