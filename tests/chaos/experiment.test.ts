import { expect, test } from '@playwright/test';
import { restart } from '../../src/chaos/faults/restart';
import { stop } from '../../src/chaos/faults/stop';
import { pause } from '../../src/chaos/faults/pause';
import { disconnect } from '../../src/chaos/faults/disconnect';
import { kill } from '../../src/chaos/faults/kill';
import { experimentHarness, removeHarnessDirs } from './support/experiment-harness';
import { simulatedPipeline } from './support/simulated-pipeline';

test.afterEach(removeHarnessDirs);

test('a broker restart that recovers in time is PASS with ordered marks and MTTR from heal', async () => {
  const h = experimentHarness({ mttrTargetMs: 5_000 });
  const run = h.experiment;
  const probe = () => simulatedPipeline(h.clock, h.stack, 'broker', { resumeDelayMs: 1_500 });
  const pipeline = probe();
  await h.clock.run(run.steadyState(pipeline));
  await h.clock.run(run.inject(restart('broker')));
  await h.clock.run(run.awaitRecovery(pipeline, { deadlineMs: 30_000 }));
  await h.clock.run(run.check({ name: 'ledger', check: async () => ({ name: 'ledger', status: 'valid', summary: '0 lost' }) }));
  const { record, raised } = await h.clock.run(run.finish({ status: 'passed' }));
  expect(raised).toBe(false);
  expect(record.outcome).toBe('PASS');
  const { injectMs, healMs, firstProgressMs, steadyMs } = record.marks;
  expect(injectMs! <= healMs! && healMs! < firstProgressMs! && firstProgressMs! < steadyMs!).toBe(true);
  // The restart is instantaneous here, so the pipeline resumes 1.5 s after heal; polls are 100 ms apart.
  expect(record.durations.mttrMs).toBeGreaterThanOrEqual(1_500);
  expect(record.durations.mttrMs).toBeLessThanOrEqual(1_600);
  expect(record.durations.timeToSteadyMs).toBe(record.durations.mttrMs! + 400);
  expect(run.evidence().marks).toEqual(record.marks);
  expect(record.faults).toEqual([expect.objectContaining({ name: 'restart broker', action: 'restart', confirmed: true, healedAt: expect.any(String) })]);
  expect(h.steps).toEqual(['steady state: silver advancing', 'inject: restart broker', 'confirm: restart broker', 'heal: restart broker', 'await recovery: silver advancing', 'invariants', 'invariant: ledger']);
  expect(h.journal.pending()).toEqual([]);
});

test('an unhealthy stack fails the gate with STEADY_STATE_FAILED and nothing is injected', async () => {
  const h = experimentHarness();
  const frozen = simulatedPipeline(h.clock, h.stack, 'broker', { frozen: true });
  await expect(h.clock.run(h.experiment.steadyState(frozen, { windowMs: 3_000 }))).rejects.toThrow(
    'STEADY_STATE_FAILED: silver advancing showed no progress past 0 rows within 3.00 s (last: 0 rows)',
  );
  expect(h.clock.now()).toBe(3_000);
  await expect(h.experiment.inject(restart('broker'))).rejects.toThrow('call run.steadyState(probe) first');
  const { record, raised } = await h.clock.run(h.experiment.finish({ status: 'failed', error: 'STEADY_STATE_FAILED: ...' }));
  expect(raised).toBe(true);
  expect(record.outcome).toBe('STEADY_STATE_FAILED');
  expect(h.stack.calls).toEqual([]);
  expect(record.faults).toEqual([]);
});

test('a fault that does not take effect is FAULT_NOT_APPLIED, and is still healed', async () => {
  const h = experimentHarness({}, { noop: ['pause'] });
  const pipeline = simulatedPipeline(h.clock, h.stack, 'broker');
  await h.clock.run(h.experiment.steadyState(pipeline));
  await expect(h.clock.run(h.experiment.inject(pause('broker'), { confirmTimeoutMs: 2_000 }))).rejects.toThrow(
    'FAULT_NOT_APPLIED: pause broker could not be confirmed: broker is running, not paused (checked for 2.00 s)',
  );
  const { record } = await h.clock.run(h.experiment.finish({ status: 'failed' }));
  expect(record.outcome).toBe('FAULT_NOT_APPLIED');
  expect(h.stack.calls).toEqual(['pause broker', 'unpause broker']);
  expect(h.journal.pending()).toEqual([]);
});

test('an inject that throws half-way is FAULT_NOT_APPLIED and healed in teardown', async () => {
  const h = experimentHarness({}, { throws: ['stop'] });
  await h.clock.run(h.experiment.steadyState(simulatedPipeline(h.clock, h.stack, 'broker')));
  await expect(h.clock.run(h.experiment.inject(stop('broker')))).rejects.toThrow('FAULT_NOT_APPLIED: stop broker failed: stop broker failed');
  await h.clock.run(h.experiment.finish({ status: 'failed' }));
  expect(h.stack.calls).toEqual(['stop broker', 'start broker']);
  expect(h.journal.pending()).toEqual([]);
});

test('no progress by the deadline is NOT_RECOVERED, naming the last value seen', async () => {
  const h = experimentHarness();
  const pipeline = simulatedPipeline(h.clock, h.stack, 'broker', { resumeDelayMs: Infinity });
  await h.clock.run(h.experiment.steadyState(pipeline));
  await h.clock.run(h.experiment.inject(stop('broker')));
  await expect(h.clock.run(h.experiment.awaitRecovery(pipeline, { deadlineMs: 10_000 }))).rejects.toThrow(
    /^NOT_RECOVERED: silver advancing showed no progress past its reading at inject within 10.0 s of heal \(last: \d+ rows\)$/,
  );
  expect(h.lines.some((l) => /awaiting recovery of silver advancing: 5.\d+ s elapsed, last: \d+ rows/.test(l))).toBe(true);
  const { record } = await h.clock.run(h.experiment.finish({ status: 'failed' }));
  expect(record.outcome).toBe('NOT_RECOVERED');
  expect(record.marks.firstProgressMs).toBeUndefined();
});

test('recovery past the MTTR target is RECOVERED_LATE, reported at finish so the checkers still run', async () => {
  const h = experimentHarness({ mttrTargetMs: 1_000 });
  const pipeline = simulatedPipeline(h.clock, h.stack, 'broker', { resumeDelayMs: 2_000 });
  await h.clock.run(h.experiment.steadyState(pipeline));
  await h.clock.run(h.experiment.inject(stop('broker')));
  await h.clock.run(h.experiment.awaitRecovery(pipeline, { deadlineMs: 30_000 }));
  await h.clock.run(h.experiment.check({ name: 'ledger', check: async () => ({ name: 'ledger', status: 'valid', summary: 'ok' }) }));
  const { record, raised } = await h.clock.run(h.experiment.finish({ status: 'passed' }));
  expect(raised).toBe(false);
  expect(record.outcome).toBe('RECOVERED_LATE');
  expect(record.reason).toMatch(/^MTTR 2\.\d+ s is over the target of 1\.00 s$/);
});

test('an invalid or crashing checker is DATA_VIOLATION', async () => {
  const h = experimentHarness();
  const pipeline = simulatedPipeline(h.clock, h.stack, 'broker');
  await h.clock.run(h.experiment.steadyState(pipeline));
  await h.clock.run(h.experiment.inject(restart('broker')));
  await h.clock.run(h.experiment.awaitRecovery(pipeline, { deadlineMs: 30_000 }));
  const results = await h.clock.run(
    h.experiment.check(
      async () => ({ name: 'ledger', status: 'invalid', summary: '3 lost of 900' }),
      { name: 'offsets', check: async () => { throw new Error('broker gone'); } },
    ),
  );
  expect(results.map((r) => r.status)).toEqual(['invalid', 'unknown']);
  const { record } = await h.clock.run(h.experiment.finish({ status: 'passed' }));
  expect(record.outcome).toBe('DATA_VIOLATION');
  expect(record.reason).toBe('ledger invalid: 3 lost of 900; offsets unknown: checker crashed: broker gone');
});

test('a manual heal takes the heal mark when the spec heals, after the outage it chose', async () => {
  const h = experimentHarness();
  const pipeline = simulatedPipeline(h.clock, h.stack, 'broker');
  await h.clock.run(h.experiment.steadyState(pipeline));
  await h.clock.run(h.experiment.inject(stop('broker'), { heal: 'manual' }));
  expect(h.stack.isHealthy('broker')).toBe(false);
  await h.clock.advance(30_000);
  await h.clock.run(h.experiment.heal());
  await h.clock.run(h.experiment.awaitRecovery(pipeline, { deadlineMs: 10_000 }));
  const { record } = await h.clock.run(h.experiment.finish({ status: 'passed' }));
  expect(record.marks.healMs! - record.marks.injectMs!).toBeGreaterThanOrEqual(30_000);
  expect(record.durations.outageMs).toBeGreaterThan(30_000);
  expect(record.durations.mttrMs).toBeLessThan(1_000);
  expect(record.outcome).toBe('PASS');
});

test('a test that times out while awaiting recovery stops polling, heals, and is NOT_RECOVERED', async () => {
  const h = experimentHarness();
  const pipeline = simulatedPipeline(h.clock, h.stack, 'broker', { resumeDelayMs: Infinity });
  await h.clock.run(h.experiment.steadyState(pipeline));
  await h.clock.run(h.experiment.inject(pause('broker'), { heal: 'manual' }));
  const waiting = h.experiment.awaitRecovery(pipeline, { deadlineMs: 1e9 }).catch((e: Error) => e);
  await h.clock.advance(2_000);
  const { record } = await h.clock.run(h.experiment.finish({ status: 'timedOut', error: 'Test timeout of 5000ms exceeded.' }));
  expect(await waiting).toBeInstanceOf(Error);
  expect(record.outcome).toBe('NOT_RECOVERED');
  expect(record.reason).toBe('the test failed while awaiting recovery: Test timeout of 5000ms exceeded.');
  expect(h.stack.isHealthy('broker')).toBe(true);
});

test('a network fault on a stack without network faults skips with the reason, injecting nothing', async () => {
  const h = experimentHarness({}, { supportsNetworkFaults: false });
  await h.clock.run(h.experiment.steadyState(simulatedPipeline(h.clock, h.stack, 'clickhouse')));
  await expect(h.experiment.inject(disconnect('clickhouse'))).rejects.toThrow(
    'skipped: network faults are not supported by this embedded stack, so "disconnect clickhouse" cannot be applied',
  );
  expect(h.stack.calls).toEqual([]);
  expect(h.journal.entries()).toEqual([]);
});

test('a test that passes without awaiting recovery, or without a fault, is not a PASS', async () => {
  const h = experimentHarness();
  await h.clock.run(h.experiment.steadyState(simulatedPipeline(h.clock, h.stack, 'broker')));
  expect((await h.clock.run(h.experiment.finish({ status: 'passed' }))).record.outcome).toBe('FAULT_NOT_APPLIED');
  const h2 = experimentHarness();
  await h2.clock.run(h2.experiment.steadyState(simulatedPipeline(h2.clock, h2.stack, 'broker')));
  await h2.clock.run(h2.experiment.inject(restart('broker')));
  const { record } = await h2.clock.run(h2.experiment.finish({ status: 'passed' }));
  expect(record).toMatchObject({ outcome: 'NOT_RECOVERED', reason: 'the test ended without awaiting recovery (run.awaitRecovery)' });
});

test('timeline sources are sampled every 500 ms from start to finish; a failing read leaves a gap', async () => {
  let n = 0;
  const h = experimentHarness({
    timeline: [
      { name: 'rows', unit: 'rows', read: async () => ++n },
      { name: 'lag', unit: 'ms', read: async () => { throw new Error('no lag'); } },
    ],
  });
  await h.clock.advance(2_000);
  expect(h.experiment.evidence().timeline[0]!.points).toHaveLength(5);
  const { record } = await h.clock.run(h.experiment.finish({ status: 'failed' }));
  expect(record.timeline).toEqual([
    { name: 'rows', unit: 'rows', points: [[0, 1], [500, 2], [1_000, 3], [1_500, 4], [2_000, 5]] },
    { name: 'lag', unit: 'ms', points: [] },
  ]);
});

test('options are validated with the exact option name', () => {
  expect(() => experimentHarness({ mttrTargetMs: 0 })).toThrow('chaos.experiment: mttrTargetMs must be a positive number, got 0');
  expect(() => experimentHarness({ failureMode: { number: 0, name: 'x' } })).toThrow('chaos.experiment: failureMode.number must be a positive integer, got 0');
  expect(() => experimentHarness({ steadyPolls: 1.5 })).toThrow('chaos.experiment: steadyPolls must be a positive integer, got 1.5');
});

test('teardown heals the faults still in place newest first, as a step', async () => {
  const h = experimentHarness();
  await h.clock.run(h.experiment.steadyState(simulatedPipeline(h.clock, h.stack, 'broker')));
  await h.clock.run(h.experiment.inject(pause('broker'), { heal: 'manual' }));
  await h.clock.run(h.experiment.inject(disconnect('clickhouse'), { heal: 'manual' }));
  const { record, healErrors } = await h.clock.run(h.experiment.finish({ status: 'failed', error: 'Error: expect(received).toBe(expected)' }));
  expect(h.stack.calls).toEqual(['pause broker', 'disconnect clickhouse', 'connect clickhouse', 'unpause broker']);
  expect(h.steps.at(-1)).toBe('heal (teardown): pause broker, disconnect clickhouse');
  expect(healErrors).toEqual([]);
  expect(record).toMatchObject({ outcome: 'NOT_RECOVERED', reason: 'the test failed while the fault was in place: expect(received).toBe(expected)' });
  expect(h.journal.pending()).toEqual([]);
});

test('a hold keeps the fault in place for its duration, reporting on the console, then heals', async () => {
  const h = experimentHarness();
  const pipeline = simulatedPipeline(h.clock, h.stack, 'broker');
  await h.clock.run(h.experiment.steadyState(pipeline));
  await h.clock.run(h.experiment.inject(stop('broker'), { holdMs: 30_000 }));
  await h.clock.run(h.experiment.awaitRecovery(pipeline, { deadlineMs: 10_000 }));
  const { record } = await h.clock.run(h.experiment.finish({ status: 'passed' }));
  expect(record.marks.healMs! - record.marks.injectMs!).toBe(30_000);
  expect(h.lines.filter((l) => l.includes('awaiting end of hold (stop broker)'))).toHaveLength(6);
  expect(record.outcome).toBe('PASS');
});

test('a heal that fails is NOT_RECOVERED and stays pending in the journal', async () => {
  const h = experimentHarness({}, { throws: ['start'] });
  await h.clock.run(h.experiment.steadyState(simulatedPipeline(h.clock, h.stack, 'broker')));
  await expect(h.clock.run(h.experiment.inject(kill('broker')))).rejects.toThrow('NOT_RECOVERED: heal failed: kill broker: start broker failed');
  const { record, healErrors } = await h.clock.run(h.experiment.finish({ status: 'failed' }));
  expect(healErrors).toEqual(['kill broker: start broker failed']);
  expect(record.faults[0]).toMatchObject({ healError: 'start broker failed' });
  expect(h.journal.pending().map((e) => e.name)).toEqual(['kill broker']);
});

test('a recovery deadline past the test timeout is warned about on the console', async () => {
  const h = experimentHarness({}, {}, { testTimeLeftMs: () => 60_000 });
  const pipeline = simulatedPipeline(h.clock, h.stack, 'broker');
  await h.clock.run(h.experiment.steadyState(pipeline));
  await h.clock.run(h.experiment.inject(restart('broker')));
  await h.clock.run(h.experiment.awaitRecovery(pipeline, { deadlineMs: 180_000 }));
  expect(h.lines).toContain('[k2-chaos] warning: the recovery deadline (180.0 s) is past the test timeout (60.0 s left); raise it with test.setTimeout');
});

test('data still draining after inject does not pass for recovery: the mark follows the pipeline until heal', async () => {
  const h = experimentHarness();
  let injectAtMs: number | undefined;
  let healAtMs: number | undefined;
  // Rows keep arriving for 500 ms after the stop (in flight), then stall until 1 s after heal.
  const rowsAt = (t: number): number => {
    if (injectAtMs === undefined || t < injectAtMs + 500) return Math.floor(t / 10);
    const stalled = Math.floor((injectAtMs + 500) / 10);
    return healAtMs === undefined ? stalled : stalled + Math.max(0, Math.floor((t - healAtMs - 1_000) / 10));
  };
  const probe = {
    name: 'silver advancing',
    read: async () => {
      const t = h.clock.now();
      if (injectAtMs === undefined && h.stack.calls.includes('stop broker')) injectAtMs = t;
      if (healAtMs === undefined && injectAtMs !== undefined && h.stack.isHealthy('broker')) healAtMs = t;
      return rowsAt(t);
    },
    progressed: (mark: number, now: number) => now > mark,
    describe: (v: number) => `${v} rows`,
  };
  await h.clock.run(h.experiment.steadyState(probe));
  await h.clock.run(h.experiment.inject(stop('broker'), { holdMs: 3_000 }));
  await h.clock.run(h.experiment.awaitRecovery(probe, { deadlineMs: 30_000 }));
  const { record } = await h.clock.run(h.experiment.finish({ status: 'passed' }));
  // Against the reading at inject, the drained rows would have counted as recovery at heal.
  expect(record.durations.mttrMs).toBeGreaterThanOrEqual(1_000);
  expect(record.outcome).toBe('PASS');
});

test('a probe cut off by the fault does not stretch the hold: the heal comes on time', async () => {
  const h = experimentHarness();
  let rows = 0;
  // Like ClickHouse disconnected from the network: every reading hangs while the fault is in place.
  const probe = {
    name: 'silver advancing',
    read: async () => {
      const cutOff = h.stack.calls.includes('disconnect clickhouse') && !h.stack.calls.includes('connect clickhouse');
      if (cutOff) await new Promise(() => undefined);
      return (rows += 10);
    },
    progressed: (mark: number, now: number) => now > mark,
    describe: (v: number) => `${v} rows`,
  };
  await h.clock.run(h.experiment.steadyState(probe));
  const injectedAtMs = h.clock.now();
  await h.clock.run(h.experiment.inject(disconnect('clickhouse'), { holdMs: 10_000 }));
  // The hold, plus at most the bounded last reading (2 s); waiting on the hung reading took 5 s more, then 5 s again.
  expect(h.clock.now() - injectedAtMs).toBeLessThanOrEqual(12_500);
  expect(h.stack.calls).toEqual(['disconnect clickhouse', 'connect clickhouse']);
});
