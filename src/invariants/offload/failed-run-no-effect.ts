import type { InvariantResult } from '../../report-model/chaos-record';
import type { OffloadRunRow } from '../../probes/offload/offload-runs-probe';
import type { WatermarkRow } from '../../probes/offload/watermark-probe';
import type { IcebergTableView } from '../../probes/offload/iceberg-probe';

export interface FailedRunNoEffectInput {
  /** Runs of the experiment (e.g. scheduled since the fault was injected). */
  runs: OffloadRunRow[];
  /**
   * The watermarks as read through the test, oldest first: the first reading is the position
   * before the fault, the last the position now. Every move between two readings is judged,
   * so a failed run that moved the watermark is caught even after a later run moved it on.
   */
  watermarkReadings: WatermarkRow[][];
  /** Iceberg table per watermark table name. */
  iceberg: Record<string, IcebergTableView>;
}

/**
 * A failed run moves no watermark and commits no snapshot: no snapshot carries the id of a
 * FAILED run, and a watermark that moved stands exactly at the window end of a COMPLETED run of
 * its table (K2's hole, a commit whose watermark update failed, shows up as a snapshot of a
 * FAILED run; a watermark moved by a failed run has no COMPLETED run at its position).
 */
const EPOCH_MS = 0;

export function failedRunNoEffect(input: FailedRunNoEffectInput): InvariantResult {
  const name = 'a failed run moves no watermark and commits no snapshot';
  const failed = input.runs.filter((r) => r.state === 'FAILED');
  const failedIds = new Set(failed.map((r) => r.id));
  const snapshotsOfFailed: Record<string, string[]> = {};
  for (const [table, view] of Object.entries(input.iceberg)) {
    const bad = view.snapshots.filter((s) => s.runId && failedIds.has(s.runId)).map((s) => `${s.snapshotId} (run ${s.runId})`);
    if (bad.length) snapshotsOfFailed[table] = bad;
  }
  const unexplained: Record<string, Array<{ from: string | null; to: string }>> = {};
  const position = new Map<string, number>();
  for (const [i, reading] of input.watermarkReadings.entries()) {
    for (const wm of reading) {
      // A row not yet created stands at the epoch (everything still to offload), where a new row starts.
      const was = position.get(wm.tableName) ?? (i === 0 ? undefined : EPOCH_MS);
      position.set(wm.tableName, wm.timestampMs);
      if (i === 0 || was === wm.timestampMs) continue;
      const explained = input.runs.some((r) => r.table === wm.tableName && r.state === 'COMPLETED' && r.windowEndMs === wm.timestampMs);
      if (!explained) (unexplained[wm.tableName] ??= []).push({ from: new Date(was ?? EPOCH_MS).toISOString(), to: new Date(wm.timestampMs).toISOString() });
    }
  }
  const snapshotCount = Object.values(snapshotsOfFailed).reduce((n, s) => n + s.length, 0);
  const movedCount = Object.values(unexplained).reduce((n, moves) => n + moves.length, 0);
  const counts = { failedRuns: failed.length, snapshotsOfFailedRuns: snapshotCount, watermarksMovedWithoutCompletedRun: movedCount };
  if (snapshotCount || movedCount) {
    return {
      name, status: 'invalid', counts,
      summary: `${snapshotCount} snapshot(s) committed by failed runs, ${movedCount} watermark move(s) without a completed run`,
      samples: { ...(snapshotCount ? { snapshotsOfFailedRuns: snapshotsOfFailed } : {}), ...(movedCount ? { unexplainedWatermarks: unexplained } : {}) },
    };
  }
  return { name, status: 'valid', counts, summary: `${failed.length} failed run(s): no snapshot and no watermark move among them over ${input.watermarkReadings.length} watermark readings` };
}
