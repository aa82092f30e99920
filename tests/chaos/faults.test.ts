import { expect, test } from '@playwright/test';
import { disconnect } from '../../src/chaos/faults/disconnect';
import { kill } from '../../src/chaos/faults/kill';
import { pause } from '../../src/chaos/faults/pause';
import { restart } from '../../src/chaos/faults/restart';
import { stop } from '../../src/chaos/faults/stop';
import { faultForAction } from '../../src/chaos/faults/fault-for-action';
import { cutOff, dropReplies } from '../../src/chaos/faults/one-way-partition';
import { fillDisk } from '../../src/chaos/faults/fill-disk';
import { readOnlyDisk } from '../../src/chaos/faults/read-only-disk';
import { flapLink } from '../../src/chaos/faults/flap-link';
import { MemoryStack } from './support/memory-stack';

const ALL = [restart, stop, kill, pause, disconnect];

for (const make of ALL) {
  const fault = make('broker');

  test(`${fault.action}: inject is confirmed by the state it leaves, heal restores the service`, async () => {
    const stack = new MemoryStack('/nonexistent', ['broker']);
    const before = await stack.state('broker');
    await fault.inject(stack);
    expect(fault.confirm(before, await stack.state('broker')).applied).toBe(true);
    await fault.heal(stack);
    expect(stack.isHealthy('broker')).toBe(true);
  });

  test(`${fault.action}: a primitive that did nothing is not confirmed`, async () => {
    const stack = new MemoryStack('/nonexistent', ['broker'], { noop: [fault.action as 'restart'] });
    const before = await stack.state('broker');
    await fault.inject(stack);
    const confirmation = fault.confirm(before, await stack.state('broker'));
    expect(confirmation.applied).toBe(false);
    expect(confirmation.detail).toContain('broker');
  });

  test(`${fault.action}: heal is idempotent and safe when inject never happened`, async () => {
    const stack = new MemoryStack('/nonexistent', ['broker']);
    await fault.heal(stack);
    await fault.heal(stack);
    expect(stack.isHealthy('broker')).toBe(true);
    expect(faultForAction(fault.action, 'broker').name).toBe(fault.name);
  });
}

test('restart is not confirmed when the target reports no pid', () => {
  const confirmation = restart('broker').confirm({ running: true, paused: false, connected: true }, { running: true, paused: false, connected: true });
  expect(confirmation).toEqual({ applied: false, detail: 'the target reports no pid for broker, so a restart cannot be told from no restart' });
});

test('of the service faults only disconnect needs network faults', () => {
  expect(ALL.filter((make) => make('x').network).map((make) => make('x').action)).toEqual(['disconnect']);
});

test('an unknown journalled action is a clear error', () => {
  expect(() => faultForAction('reboot', 'broker')).toThrow('unknown fault action "reboot" for service broker; expected one of restart, stop, kill, pause, disconnect, drop-replies, cut-off, drop-connections, malformed-burst, degrade-link, stall-connections, skip-trades, rest-outage, flap-link, fill-disk, read-only-disk');
});

test.describe('drop replies (one-way partition)', () => {
  const fault = dropReplies('broker', { fromPort: 9092, to: ['fh-a', 'fh-b'] });

  test('needs network faults, names its port and peers, and records them as parameters', () => {
    expect(fault.network).toBe(true);
    expect(fault.name).toBe('drop replies of broker:9092 to fh-a, fh-b');
    expect(fault.parameters).toEqual({ fromPort: 9092, to: 'fh-a,fh-b' });
  });

  test('inject is confirmed by the rules in place; heal, also rebuilt from the journal, removes them', async () => {
    const stack = new MemoryStack('/nonexistent', ['broker', 'fh-a', 'fh-b']);
    const before = await stack.state('broker');
    await fault.inject(stack);
    expect(fault.confirm(before, await stack.state('broker')).applied).toBe(true);
    await faultForAction('drop-replies', 'broker').heal(stack);
    expect(stack.isHealthy('broker')).toBe(true);
    await fault.heal(stack);
    expect(stack.calls).toEqual(['dropOutgoing broker', 'allowOutgoing broker', 'allowOutgoing broker']);
  });

  test('cut off: the other direction, its own name and parameters, the same heal', async () => {
    const cut = cutOff('clickhouse', { toPort: 9092, from: ['broker'] });
    expect([cut.name, cut.action, cut.network]).toEqual(['cut clickhouse off from broker:9092', 'cut-off', true]);
    expect(cut.parameters).toEqual({ toPort: 9092, from: 'broker' });
    const stack = new MemoryStack('/nonexistent', ['clickhouse', 'broker']);
    const before = await stack.state('clickhouse');
    await cut.inject(stack);
    expect(cut.confirm(before, await stack.state('clickhouse')).applied).toBe(true);
    await faultForAction('cut-off', 'clickhouse').heal(stack);
    expect(stack.isHealthy('clickhouse')).toBe(true);
  });

  test('a primitive that added no rule is not confirmed', async () => {
    const stack = new MemoryStack('/nonexistent', ['broker'], { noop: ['dropOutgoing'] });
    const before = await stack.state('broker');
    await fault.inject(stack);
    const confirmation = fault.confirm(before, await stack.state('broker'));
    expect(confirmation).toEqual({ applied: false, detail: "0 drop rule(s) in broker's network namespace, expected 2" });
  });
});

test.describe('flapping link', () => {
  test('goes down at inject, comes back and goes again each period, and heal stops it with the link up', async () => {
    const stack = new MemoryStack('/nonexistent', ['broker']);
    const fault = flapLink('broker', { downMs: 100 });
    expect(fault).toMatchObject({ name: 'flap the link of broker: every 100 ms', action: 'flap-link', network: true, parameters: { downMs: 100, upMs: 100 } });
    const before = await stack.state('broker');
    await fault.inject(stack);
    expect(fault.confirm(before, await stack.state('broker')).applied).toBe(true);
    await expect.poll(() => fault.downs(), { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    await fault.heal(stack);
    const calls = stack.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stack.calls.length).toBe(calls);
    expect(stack.isHealthy('broker')).toBe(true);
    expect(stack.calls.slice(0, 4)).toEqual(['disconnect broker', 'connect broker', 'disconnect broker', 'connect broker']);
  });

  test('a link that did not go down is not confirmed; the journal\'s heal reconnects', async () => {
    const stack = new MemoryStack('/nonexistent', ['broker'], { noop: ['disconnect'] });
    const fault = flapLink('broker', { downMs: 60_000 });
    const before = await stack.state('broker');
    await fault.inject(stack);
    expect(fault.confirm(before, await stack.state('broker'))).toEqual({ applied: false, detail: 'broker is still connected to the stack network' });
    await fault.heal(stack);
    await faultForAction('flap-link', 'broker').heal(stack);
    expect(stack.calls.filter((c) => c === 'connect broker')).toHaveLength(2);
  });

  test('a down or an up too short to mean anything is refused', () => {
    expect(() => flapLink('broker', { downMs: 10 })).toThrow('flapLink: downMs must be at least 100 ms, got 10');
    expect(() => flapLink('broker', { downMs: 1_000, upMs: 10 })).toThrow('flapLink: upMs must be at least 100 ms, got 10');
  });

  test('ups shorter than downs are named and journalled with both lengths', () => {
    const fault = flapLink('broker', { downMs: 12_000, upMs: 5_000 });
    expect(fault).toMatchObject({ name: 'flap the link of broker: 12000 ms down, 5000 ms up', parameters: { downMs: 12_000, upMs: 5_000 } });
  });
});

test.describe('fill disk', () => {
  test('inject is confirmed by a disk with no free byte; heal, also rebuilt from the journal, frees it', async () => {
    const stack = new MemoryStack('/nonexistent', ['broker']);
    const fault = fillDisk('broker');
    expect(fault).toMatchObject({ action: 'fill-disk', network: false });
    expect(fault.unsupported?.(stack)).toBeUndefined();
    const before = await stack.state('broker');
    await fault.inject(stack);
    expect(fault.confirm(before, await stack.state('broker'))).toEqual({ applied: true, detail: "broker's disk has no free byte left" });
    await faultForAction('fill-disk', 'broker').heal(stack);
    expect(stack.isHealthy('broker')).toBe(true);
  });

  test('a disk that still has space, or a service without a disk, is not confirmed', async () => {
    const stack = new MemoryStack('/nonexistent', ['broker'], { noop: ['fillDisk'] });
    const fault = fillDisk('broker');
    await fault.inject(stack);
    expect(fault.confirm({ running: true, paused: false, connected: true }, { running: true, paused: false, connected: true, diskFull: false }).detail).toBe("broker's disk still has free space");
    expect(fault.confirm({ running: true, paused: false, connected: true }, { running: true, paused: false, connected: true })).toEqual({ applied: false, detail: 'broker shows no disk of its own' });
  });
});

test.describe('read-only disk', () => {
  test('inject is confirmed by a disk that takes no writes; heal, also rebuilt from the journal, repairs it and the service comes back', async () => {
    const stack = new MemoryStack('/nonexistent', ['broker']);
    const fault = readOnlyDisk('broker');
    expect(fault).toMatchObject({ action: 'read-only-disk', network: false });
    expect(fault.unsupported?.(stack)).toBeUndefined();
    const before = await stack.state('broker');
    await fault.inject(stack);
    expect(fault.confirm(before, await stack.state('broker'))).toEqual({ applied: true, detail: "broker's disk takes no writes" });
    await faultForAction('read-only-disk', 'broker').heal(stack);
    expect(await stack.state('broker')).toMatchObject({ running: true, diskReadOnly: false });
    expect(stack.calls).toEqual(['makeDiskReadOnly broker', 'repairDisk broker']);
  });

  test('a disk that still takes writes, or a service without a disk, is not confirmed', async () => {
    const fault = readOnlyDisk('broker');
    const up = { running: true, paused: false, connected: true };
    expect(fault.confirm(up, { ...up, diskReadOnly: false })).toEqual({ applied: false, detail: "broker's disk still takes writes" });
    expect(fault.confirm(up, up)).toEqual({ applied: false, detail: 'broker shows no disk of its own' });
  });
});
