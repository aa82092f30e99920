import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignKinds, campaignFault } from '../../src/campaign/campaign-faults';
import { campaignVerdict, replayCommand } from '../../src/campaign/campaign-record';
import type { CampaignSchedule } from '../../src/campaign/campaign-schedule';
import { summarizeByKind } from '../../src/campaign/campaign-summary';
import { runCampaign, type CampaignFaultRun } from '../../src/campaign/run-campaign';
import { FaultJournal } from '../../src/chaos/fault-journal';
import { ManualClock } from '../../src/chaos/manual-clock';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { MemoryStack } from '../chaos/support/memory-stack';

const SERVICES = ['kafka', 'clickhouse', 'feed-handler-binance'];
const manifest = { ...REFERENCE_MANIFEST, services: { ...REFERENCE_MANIFEST.services, broker: 'kafka', olap: 'clickhouse' } };

function schedule(faults: CampaignSchedule['faults']): CampaignSchedule {
  return { options: { durationMs: 1_000, seed: 1, kinds: [], maxConcurrent: 2, holdMs: { min: 1, max: 1 }, gapMs: { min: 0, max: 0 }, settleMs: 0 }, faults };
}

function stackWith(quirks: ConstructorParameters<typeof MemoryStack>[2] = {}) {
  const stack = new MemoryStack(mkdtempSync(join(tmpdir(), 'k2-campaign-')), SERVICES, quirks);
  Object.assign(stack, { manifest });
  return stack;
}

const alwaysCaughtUp = { name: 'caught up', read: async () => 1, progressed: () => true, describe: () => 'ok', healthy: () => true };

test('runs overlapping faults at their times, heals each after its hold, journals both, and measures recovery', async () => {
  const stack = stackWith();
  const journal = new FaultJournal(stack.runDir);
  const steps: string[] = [];
  const runs = await runCampaign({
    stack, journal, title: 'campaign', caughtUp: alwaysCaughtUp, log: () => undefined,
    schedule: schedule([{ index: 1, kind: 'partition', role: 'broker', atMs: 0, holdMs: 200 }, { index: 2, kind: 'kill', role: 'olap', atMs: 50, holdMs: 50 }]),
    step: async (title, body) => (steps.push(title), body()),
  });
  expect(stack.calls).toEqual(['disconnect kafka', 'kill clickhouse', 'start clickhouse', 'connect kafka']);
  // Timers may fire a millisecond early on the monotonic clock.
  expect(runs.map((r) => [r.index, r.confirmed, r.healedAtMs! >= r.atMs + r.holdMs - 5, r.mttrMs! >= 0])).toEqual([[1, true, true, true], [2, true, true, true]]);
  expect(journal.pending()).toEqual([]);
  expect(steps[0]).toBe('#1 disconnect kafka (0.0s..0.2s)');
});

test('a failed inject is still healed, and stopping the campaign heals what is in place and injects nothing more', async () => {
  const stack = stackWith({ throws: ['pause'] });
  const journal = new FaultJournal(stack.runDir);
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 100);
  const runs = await runCampaign({
    stack, journal, title: 'campaign', caughtUp: alwaysCaughtUp, log: () => undefined, signal: stop.signal, step: (_t, body) => body(),
    schedule: schedule([{ index: 1, kind: 'pause', role: 'broker', atMs: 0, holdMs: 50 }, { index: 2, kind: 'partition', role: 'olap', atMs: 20, holdMs: 60_000 }, { index: 3, kind: 'kill', role: 'broker', atMs: 5_000, holdMs: 10 }]),
  });
  expect(runs[0]!.error).toBe('inject failed: pause kafka failed');
  expect(runs[1]!.healedAtMs).toBeLessThan(5_000);
  expect(runs[2]!.detail).toBe('not injected: the campaign was stopped');
  expect(stack.isHealthy('clickhouse')).toBe(true);
  expect(journal.pending()).toEqual([]);
});

test('the verdict: data beats recovery beats application; PASS only when all hold', () => {
  const ok: CampaignFaultRun = { index: 1, kind: 'kill', role: 'broker', atMs: 0, holdMs: 1, service: 'kafka', name: 'kill kafka', injectedAtMs: 0, healedAtMs: 1, mttrMs: 5, confirmed: true, detail: '' };
  const valid = { name: 'trade ledger (silver)', status: 'valid' as const, summary: '' };
  expect(campaignVerdict([ok], [valid])).toEqual({ verdict: 'PASS' });
  expect(campaignVerdict([{ ...ok, confirmed: false, detail: 'still running' }], [valid]).verdict).toBe('FAULT_NOT_APPLIED');
  expect(campaignVerdict([{ ...ok, mttrMs: undefined }], [valid])).toEqual({ verdict: 'NOT_RECOVERED', reason: '#1 kill kafka: not caught up within 5 min of its heal' });
  expect(campaignVerdict([{ ...ok, mttrMs: undefined }], [{ ...valid, status: 'unknown', summary: 'no truth' }]).verdict).toBe('DATA_VIOLATION');
  expect(summarizeByKind([ok, { ...ok, index: 2, mttrMs: 15 }, { ...ok, index: 3, kind: 'pause', mttrMs: undefined }])).toEqual([
    { kind: 'kill', applied: 2, notRecovered: 0, p50Ms: 10, p95Ms: 14.5, maxMs: 15 },
    { kind: 'pause', applied: 1, notRecovered: 1, p50Ms: undefined, p95Ms: undefined, maxMs: undefined },
  ]);
});

test('kinds apply to their roles; unknown names and network kinds without network faults are named', () => {
  const { kinds, skipped } = campaignKinds(REFERENCE_MANIFEST, { faults: ['kill', 'exchange-drop', 'partition'], roles: ['broker', 'exchange:kraken'], networkFaults: false, diskFaults: true });
  expect(kinds).toEqual([{ kind: 'kill', roles: ['broker'] }, { kind: 'exchange-drop', roles: ['exchange:kraken'] }]);
  expect(skipped).toEqual(['partition: this target has no network faults']);
  const observed = campaignKinds({ ...REFERENCE_MANIFEST, groundTruth: 'observer' }, { faults: ['kill', 'exchange-drop'], networkFaults: true, diskFaults: true });
  expect(observed.kinds.map((k) => k.kind)).toEqual(['kill']);
  expect(observed.skipped[0]).toContain('exchange-drop: the exchanges have no control API');
  expect(() => campaignKinds(REFERENCE_MANIFEST, { faults: ['nuke'], networkFaults: true, diskFaults: true })).toThrow('unknown fault kind "nuke"; known: kill, restart, stop, pause, partition, packet-loss, exchange-drop, disk-full');
  expect(() => campaignKinds(REFERENCE_MANIFEST, { faults: ['kill'], roles: ['database'], networkFaults: true, diskFaults: true })).toThrow('unknown role "database"');
  // Disks of their own on the broker and ClickHouse (read-only proven on the broker's only): other
  // roles never draw a disk fault, and a target without disk faults leaves them out.
  expect(campaignKinds(REFERENCE_MANIFEST, { faults: ['disk-full', 'read-only-disk'], roles: ['broker', 'olap', 'offload'], networkFaults: true, diskFaults: true }).kinds).toEqual([{ kind: 'disk-full', roles: ['broker', 'olap'] }, { kind: 'read-only-disk', roles: ['broker'] }]);
  expect(campaignKinds(REFERENCE_MANIFEST, { faults: ['disk-full'], roles: ['offload'], networkFaults: true, diskFaults: true }).skipped).toEqual(['disk-full: applies only to broker or olap, and no such role was chosen']);
  expect(campaignKinds(REFERENCE_MANIFEST, { faults: ['disk-full', 'kill'], networkFaults: true, diskFaults: false }).skipped).toEqual(['disk-full: this target gives no service a disk of its own to fill']);
  expect(campaignFault(REFERENCE_MANIFEST, 'exchange-drop', 'exchange:binance', 12_000).fault.parameters).toEqual({ refuseMs: 12_000 });
  expect([campaignFault(REFERENCE_MANIFEST, 'restart', 'broker', 1).instant, campaignFault(REFERENCE_MANIFEST, 'kill', 'broker', 1).instant]).toEqual([true, false]);
});

test('the replay command gives back the same options', () => {
  expect(replayCommand({ durationMs: 600_000, seed: 42, faults: ['kill', 'partition'], maxConcurrent: 2 })).toBe('npx k2-chaos campaign --duration 10m --seed 42 --faults kill,partition --max-concurrent 2');
  expect(replayCommand({ durationMs: 90_000, seed: 1, faults: ['kill'], roles: ['broker'], maxConcurrent: 1 })).toBe('npx k2-chaos campaign --duration 90s --seed 1 --faults kill --roles broker --max-concurrent 1');
});

test('a restart is over once injected: healed and timed at once, its hold only keeping the role free', async () => {
  const stack = stackWith();
  const runs = await runCampaign({
    stack, journal: new FaultJournal(stack.runDir), title: 'campaign', caughtUp: alwaysCaughtUp, log: () => undefined, step: (_t, body) => body(),
    schedule: schedule([{ index: 1, kind: 'restart', role: 'broker', atMs: 0, holdMs: 300 }]),
  });
  expect(runs[0]!.healedAtMs).toBeLessThan(150);
  expect(runs[0]!.confirmed).toBe(true);
});

test('a fault that never recovers names the services not running when its 5 min ran out', async () => {
  const stack = stackWith();
  const clock = new ManualClock();
  const neverCaughtUp = { ...alwaysCaughtUp, healthy: () => false };
  // ClickHouse dies on its own during the partition (as 18.16 did when stalled while starting): nothing restarts it.
  const runs = await clock.run(runCampaign({
    stack, journal: new FaultJournal(stack.runDir), title: 'campaign', caughtUp: neverCaughtUp, log: () => undefined, clock,
    schedule: schedule([{ index: 1, kind: 'partition', role: 'broker', atMs: 0, holdMs: 1_000 }]),
    step: async (_title, body) => {
      await stack.kill('clickhouse');
      return body();
    },
  }));
  expect(runs[0]!.mttrMs).toBeUndefined();
  expect(runs[0]!.notRunningAtLimit).toEqual(['clickhouse']);
  const valid = { name: 'trade ledger (silver)', status: 'valid' as const, summary: '' };
  expect(campaignVerdict(runs, [valid])).toEqual({ verdict: 'NOT_RECOVERED', reason: '#1 disconnect kafka: not caught up within 5 min of its heal (not running then: clickhouse)' });
});
