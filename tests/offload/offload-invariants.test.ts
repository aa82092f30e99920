import { test, expect } from '@playwright/test';
import { watermarkNotAhead } from '../../src/invariants/offload/watermark-not-ahead';
import { failedRunNoEffect } from '../../src/invariants/offload/failed-run-no-effect';
import { icebergMatchesClickHouse } from '../../src/invariants/offload/iceberg-matches-clickhouse';
import type { WatermarkRow } from '../../src/probes/offload/watermark-probe';
import type { IcebergSnapshotInfo, IcebergTableView } from '../../src/probes/offload/iceberg-probe';
import type { OffloadRunRow } from '../../src/probes/offload/offload-runs-probe';

const T = 'bronze_trades_binance';
const wm = (timestampMs: number): WatermarkRow => ({ tableName: T, timestampMs, maxSequence: '0', rowCount: 0, status: 'success', lastSuccessfulRunMs: null, failureCount: 0, lastError: null, updatedAtMs: null });
const snap = (runId: string, windowEndMs?: number): IcebergSnapshotInfo => ({ snapshotId: `s-${runId}`, parentId: null, sequenceNumber: 1, timestampMs: 0, operation: 'append', summary: {}, manifestList: '', runId, ...(windowEndMs === undefined ? {} : { windowEndMs }) });
const view = (snapshots: IcebergSnapshotInfo[]): IcebergTableView => ({ ref: { catalog: 'k2', namespace: 'cold', table: T }, metadataLocation: snapshots.length ? 's3://b/m.json' : null, currentSnapshotId: snapshots.at(-1)?.snapshotId ?? null, snapshots });
const run = (id: string, state: OffloadRunRow['state'], windowEndMs: number | null): OffloadRunRow => ({ id, table: T, trigger: 'manual', state, windowStartMs: 0, windowEndMs, rows: 1, files: 1, snapshotId: null, error: state === 'FAILED' ? 'boom' : null, scheduledAtMs: 0, finishedAtMs: 0 });

test.describe('watermark never ahead of committed Iceberg data', () => {
  test('valid when the newest snapshot covers the watermark', () => {
    expect(watermarkNotAhead({ watermarks: [wm(2_000)], iceberg: { [T]: view([snap('a', 1_000), snap('b', 2_000)]) } }).status).toBe('valid');
  });
  test('invalid when the watermark passed every committed window', () => {
    const r = watermarkNotAhead({ watermarks: [wm(3_000)], iceberg: { [T]: view([snap('a', 2_000)]) } });
    expect(r.status).toBe('invalid');
    expect(r.counts).toMatchObject({ ahead: 1 });
  });
  test('invalid when the watermark moved but nothing was committed', () => {
    expect(watermarkNotAhead({ watermarks: [wm(3_000)], iceberg: { [T]: view([]) } }).status).toBe('invalid');
  });
  test('a watermark at its baseline needs no snapshot', () => {
    expect(watermarkNotAhead({ watermarks: [wm(3_000)], iceberg: { [T]: view([]) }, baselineMs: { [T]: 3_000 } }).status).toBe('valid');
  });
  test('unknown when snapshots carry no window (another writer)', () => {
    expect(watermarkNotAhead({ watermarks: [wm(3_000)], iceberg: { [T]: view([snap('a')]) } }).status).toBe('unknown');
  });
});

test.describe('a failed run moves no watermark and commits no snapshot', () => {
  test('valid when only completed runs committed and moved the watermark', () => {
    const r = failedRunNoEffect({ runs: [run('f', 'FAILED', 2_000), run('c', 'COMPLETED', 2_000)], watermarkReadings: [[wm(1_000)], [wm(2_000)]], iceberg: { [T]: view([snap('c', 2_000)]) } });
    expect(r.status).toBe('valid');
    expect(r.counts).toMatchObject({ failedRuns: 1 });
  });
  test('invalid when a failed run committed a snapshot (commit, then the watermark update failed)', () => {
    const r = failedRunNoEffect({ runs: [run('f', 'FAILED', 2_000)], watermarkReadings: [[wm(1_000)], [wm(1_000)]], iceberg: { [T]: view([snap('f', 2_000)]) } });
    expect(r.status).toBe('invalid');
    expect(r.counts).toMatchObject({ snapshotsOfFailedRuns: 1 });
  });
  test('invalid when the watermark moved to a failed run\'s window end', () => {
    const r = failedRunNoEffect({ runs: [run('f', 'FAILED', 2_000)], watermarkReadings: [[wm(1_000)], [wm(2_000)]], iceberg: { [T]: view([]) } });
    expect(r.status).toBe('invalid');
    expect(r.counts).toMatchObject({ watermarksMovedWithoutCompletedRun: 1 });
  });
  test('a watermark row created during the test at the epoch is no move; one created further on is judged', () => {
    const created = failedRunNoEffect({ runs: [run('f', 'FAILED', 2_000)], watermarkReadings: [[], [wm(0)]], iceberg: { [T]: view([]) } });
    expect(created.status).toBe('valid');
    const createdAhead = failedRunNoEffect({ runs: [run('f', 'FAILED', 2_000)], watermarkReadings: [[], [wm(0)], [wm(2_000)]], iceberg: { [T]: view([]) } });
    expect(createdAhead.status).toBe('invalid');
    expect(failedRunNoEffect({ runs: [run('f', 'FAILED', 2_000)], watermarkReadings: [[], [wm(2_000)]], iceberg: { [T]: view([]) } }).status).toBe('invalid');
  });
  test('invalid when a failed run moved the watermark and a later completed run moved it on: the history shows it', () => {
    const runs = [run('f', 'FAILED', 2_000), run('c', 'COMPLETED', 3_000)];
    const iceberg = { [T]: view([snap('c', 3_000)]) };
    // Only the ends: the failed run's move is hidden by the completed run's.
    expect(failedRunNoEffect({ runs, watermarkReadings: [[wm(1_000)], [wm(3_000)]], iceberg }).status).toBe('valid');
    const r = failedRunNoEffect({ runs, watermarkReadings: [[wm(1_000)], [wm(1_000)], [wm(2_000)], [wm(3_000)]], iceberg });
    expect(r.status).toBe('invalid');
    expect(r.samples).toMatchObject({ unexplainedWatermarks: { [T]: [{ from: new Date(1_000).toISOString(), to: new Date(2_000).toISOString() }] } });
  });
});

test.describe('Iceberg holds exactly the ClickHouse rows of the window', () => {
  test('valid for the same multiset in any order, ClickHouse duplicates included', () => {
    const r = icebergMatchesClickHouse({ table: T, clickhouseKeys: ['a|1', 'a|2', 'a|2'], icebergKeys: ['a|2', 'a|1', 'a|2'] });
    expect(r.status).toBe('valid');
  });
  test('invalid with counts when a window was written twice, rows were lost, or rows appeared', () => {
    const r = icebergMatchesClickHouse({ table: T, clickhouseKeys: ['a|1', 'a|2', 'a|3'], icebergKeys: ['a|1', 'a|1', 'a|2', 'b|9'] });
    expect(r.status).toBe('invalid');
    expect(r.counts).toEqual({ expected: 3, observed: 4, lost: 1, duplicated: 1, unexpected: 1 });
    expect(r.samples).toEqual({ lost: ['a|3'], duplicated: ['a|1'], unexpected: ['b|9'] });
  });
});
