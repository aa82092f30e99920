import type { InvariantResult } from '../../report-model/chaos-record';
import type { WatermarkRow } from '../../probes/offload/watermark-probe';
import type { IcebergTableView } from '../../probes/offload/iceberg-probe';

export interface WatermarkNotAheadInput {
  watermarks: WatermarkRow[];
  /** The Iceberg table of each watermark, keyed by watermark table name. */
  iceberg: Record<string, IcebergTableView>;
  /** Watermark positions before the experiment (unix ms): positions at or below these need no snapshot of ours. */
  baselineMs?: Record<string, number>;
}

/**
 * The watermark is never ahead of committed Iceberg data: for every table, a committed snapshot
 * covers the window up to the watermark (`k2.window-end` >= watermark), unless the watermark
 * has not moved past its baseline. A watermark past every committed window means the next run
 * would skip rows that Iceberg never got.
 */
export function watermarkNotAhead(input: WatermarkNotAheadInput): InvariantResult {
  const name = 'watermark never ahead of committed Iceberg data';
  const ahead: Record<string, { watermark: string; committedUpTo: string | null }> = {};
  const unknown: string[] = [];
  for (const wm of input.watermarks) {
    const baseline = input.baselineMs?.[wm.tableName] ?? 0;
    if (wm.timestampMs <= baseline) continue;
    const view = input.iceberg[wm.tableName];
    if (!view) {
      unknown.push(wm.tableName);
      continue;
    }
    const ends = view.snapshots.map((s) => s.windowEndMs).filter((e): e is number => e !== undefined);
    if (view.snapshots.length > 0 && ends.length === 0) {
      unknown.push(wm.tableName);
      continue;
    }
    const committed = ends.length ? Math.max(...ends) : null;
    if (committed === null || committed < wm.timestampMs) {
      ahead[wm.tableName] = { watermark: new Date(wm.timestampMs).toISOString(), committedUpTo: committed === null ? null : new Date(committed).toISOString() };
    }
  }
  const checked = input.watermarks.length;
  const aheadCount = Object.keys(ahead).length;
  if (aheadCount) {
    return { name, status: 'invalid', summary: `${aheadCount} of ${checked} watermarks ahead of the newest committed window (${Object.keys(ahead).join(', ')})`, counts: { checked, ahead: aheadCount }, samples: ahead };
  }
  if (unknown.length) {
    return { name, status: 'unknown', summary: `no committed window recorded for ${unknown.join(', ')} (no Iceberg view, or snapshots without k2.window-end)`, counts: { checked, unknown: unknown.length } };
  }
  return { name, status: 'valid', summary: `${checked} watermarks, none ahead of committed Iceberg data`, counts: { checked, ahead: 0 } };
}
