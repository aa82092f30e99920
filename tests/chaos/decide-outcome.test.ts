import { expect, test } from '@playwright/test';
import { decideOutcome } from '../../src/chaos/decide-outcome';
import type { InvariantResult } from '../../src/report-model/chaos-record';

const valid: InvariantResult = { name: 'trade ledger', status: 'valid', summary: '0 lost of 100' };
const invalid: InvariantResult = { name: 'trade ledger', status: 'invalid', summary: '3 lost of 100' };
const unknown: InvariantResult = { name: 'offsets', status: 'unknown', summary: 'checker crashed: boom' };

test('PASS only when recovered within target with every invariant valid', () => {
  expect(decideOutcome({ mttrTargetMs: 1_000, mttrMs: 1_000, invariants: [valid] })).toEqual({ outcome: 'PASS' });
});

test('an MTTR over its target is RECOVERED_LATE with both figures in the reason', () => {
  expect(decideOutcome({ mttrTargetMs: 120_000, mttrMs: 150_500, invariants: [valid] })).toEqual({
    outcome: 'RECOVERED_LATE',
    reason: 'MTTR 150.5 s is over the target of 120.0 s',
  });
});

test('an invalid invariant is DATA_VIOLATION, and outranks lateness', () => {
  const decision = decideOutcome({ mttrTargetMs: 1, mttrMs: 5, invariants: [invalid] });
  expect(decision.outcome).toBe('DATA_VIOLATION');
  expect(decision.reason).toContain('trade ledger invalid: 3 lost of 100');
});

test('an unknown invariant is never a pass', () => {
  const decision = decideOutcome({ mttrTargetMs: 1_000, mttrMs: 5, invariants: [valid, unknown] });
  expect(decision).toEqual({ outcome: 'DATA_VIOLATION', reason: 'offsets unknown: checker crashed: boom' });
});

test('gate, confirmation and recovery failures outrank everything after them', () => {
  const all = { mttrTargetMs: 1, mttrMs: 5, invariants: [invalid], notRecovered: 'no progress', faultNotApplied: 'pid unchanged', steadyStateFailure: 'no progress before' };
  expect(decideOutcome(all).outcome).toBe('STEADY_STATE_FAILED');
  expect(decideOutcome({ ...all, steadyStateFailure: undefined }).outcome).toBe('FAULT_NOT_APPLIED');
  expect(decideOutcome({ ...all, steadyStateFailure: undefined, faultNotApplied: undefined })).toEqual({ outcome: 'NOT_RECOVERED', reason: 'no progress' });
});

test('a test that fails elsewhere gets the outcome of the phase it failed in', () => {
  const at = (phase: Parameters<typeof decideOutcome>[0]['testFailure'] extends infer F ? F extends { phase: infer P } ? P : never : never) =>
    decideOutcome({ mttrTargetMs: 1_000, invariants: [], testFailure: { phase, message: 'Test timeout of 5000ms exceeded.' } });
  expect(at('steady-state').outcome).toBe('STEADY_STATE_FAILED');
  expect(at('confirm').outcome).toBe('FAULT_NOT_APPLIED');
  expect(at('recovery')).toEqual({ outcome: 'NOT_RECOVERED', reason: 'the test failed while awaiting recovery: Test timeout of 5000ms exceeded.' });
  expect(at('recovered').outcome).toBe('DATA_VIOLATION');
});

test('an interrupted run is INTERRUPTED whatever else it recorded: the user stopped it, the pipeline got no verdict', () => {
  const decision = decideOutcome({
    interrupted: 'the run was stopped while the fault was in place; every fault healed',
    notRecovered: 'deadline passed', mttrTargetMs: 1_000, invariants: [{ name: 'ledger', status: 'invalid', summary: '3 lost' }],
  });
  expect(decision).toEqual({ outcome: 'INTERRUPTED', reason: 'the run was stopped while the fault was in place; every fault healed' });
});
