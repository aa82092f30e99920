import { expect, test } from '@playwright/test';
import { ManualClock } from '../../src/chaos/manual-clock';
import { RecoveryClock } from '../../src/chaos/recovery-clock';

test('MTTR is firstProgress - heal, outage firstProgress - inject, time-to-steady steady - heal', async () => {
  const clock = new ManualClock(50_000);
  const recovery = new RecoveryClock(clock);
  await clock.advance(2_000);
  recovery.mark('inject');
  await clock.advance(3_000);
  recovery.mark('heal');
  recovery.mark('firstProgress', clock.now() + 1_500);
  recovery.mark('steady', clock.now() + 4_000);
  expect(recovery.snapshot()).toEqual({ injectMs: 2_000, healMs: 5_000, firstProgressMs: 6_500, steadyMs: 9_000 });
  expect(recovery.durations()).toEqual({ mttrMs: 1_500, outageMs: 4_500, timeToSteadyMs: 4_000 });
});

test('the first value of a mark wins', async () => {
  const clock = new ManualClock();
  const recovery = new RecoveryClock(clock);
  recovery.mark('heal');
  await clock.advance(700);
  expect(recovery.mark('heal')).toBe(0);
  expect(recovery.snapshot().healMs).toBe(0);
});

test('durations are absent until both of their marks exist', () => {
  const recovery = new RecoveryClock(new ManualClock());
  recovery.mark('inject');
  recovery.mark('heal');
  expect(recovery.durations()).toEqual({});
  expect(recovery.has('firstProgress')).toBe(false);
});
