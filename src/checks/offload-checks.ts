import type { PostgresQueries } from '../probes/offload/postgres-queries';
import type { ClickHouseClient } from '@clickhouse/client';
import type { InvariantCheck } from '../chaos/invariant-check';
import { failedRunNoEffect } from '../invariants/offload/failed-run-no-effect';
import { icebergMatchesClickHouse } from '../invariants/offload/iceberg-matches-clickhouse';
import { watermarkNotAhead } from '../invariants/offload/watermark-not-ahead';
import type { StackManifest } from '../manifest/manifest';
import type { IcebergProbe, IcebergTableRef } from '../probes/offload/iceberg-probe';
import { clickhouseWindowKeys, icebergWindowKeys } from '../probes/offload/offload-window-keys';
import { readOffloadRuns } from '../probes/offload/offload-runs-probe';
import { readWatermarks, type WatermarkRow } from '../probes/offload/watermark-probe';

/** What the offload checks read through, and the watermarks as they stood when the test began. */
export interface OffloadCheckContext {
  postgres: PostgresQueries;
  clickhouse: ClickHouseClient;
  iceberg: IcebergProbe;
  manifest: StackManifest;
  /** Iceberg table of a ClickHouse table (the JDBC catalog's `cold.<table>`). */
  refOf(table: string): IcebergTableRef;
  startedAtMs: number;
  watermarksBefore: WatermarkRow[];
  /** Every watermark reading of the test, oldest first (the first is `watermarksBefore`). */
  watermarkHistory(): Promise<WatermarkRow[][]>;
}

/** The watermark is never ahead of what Iceberg has committed for the table. */
export function watermarkNotAheadCheck(ctx: OffloadCheckContext, table: string): InvariantCheck {
  return {
    name: `watermark of ${table} never ahead of committed Iceberg data`,
    check: async () => {
      const watermarks = (await readWatermarks(ctx.postgres, ctx.manifest)).filter((w) => w.tableName === table);
      const iceberg = { [table]: await ctx.iceberg.snapshots(ctx.refOf(table)) };
      const baselineMs = Object.fromEntries(ctx.watermarksBefore.filter((w) => w.tableName === table).map((w) => [w.tableName, w.timestampMs]));
      // The invariant speaks of every watermark it was given; here that is one table's, so name it.
      return { ...watermarkNotAhead({ watermarks, iceberg, baselineMs }), name: `watermark of ${table} never ahead of committed Iceberg data` };
    },
  };
}

/** Runs that failed during the test (the killed one, those during an outage) left no trace. */
export function failedRunsNoEffectCheck(ctx: OffloadCheckContext, table: string): InvariantCheck {
  return {
    name: `failed runs of ${table} moved no watermark and committed no snapshot`,
    check: async () => {
      // A run scheduled before the test and committed during it explains the watermark move it made.
      const runs = await readOffloadRuns(ctx.postgres, { table, activeSinceMs: ctx.startedAtMs });
      const result = failedRunNoEffect({
        runs,
        watermarkReadings: (await ctx.watermarkHistory()).map((reading) => reading.filter((w) => w.tableName === table)),
        iceberg: { [table]: await ctx.iceberg.snapshots(ctx.refOf(table)) },
      });
      // A failure mode that produced no failed run did not test what it claims.
      if (result.status === 'valid' && !runs.some((r) => r.state === 'FAILED')) {
        return { ...result, status: 'unknown', summary: `no run of ${table} failed during the test, so there was nothing to check` };
      }
      return result;
    },
  };
}

/**
 * From the watermark at the test's start to the watermark now, Iceberg holds exactly ClickHouse's
 * rows. Silver keeps each trade once, so there Iceberg must hold each trade once, as ClickHouse's
 * merge leaves it; bronze keeps every delivery, so there a row ClickHouse holds twice is in
 * Iceberg twice.
 */
export function icebergMatchesClickHouseCheck(ctx: OffloadCheckContext, table: string): InvariantCheck {
  return {
    name: `Iceberg holds exactly the ClickHouse rows of ${table}`,
    check: async () => {
      const before = ctx.watermarksBefore.find((w) => w.tableName === table)?.timestampMs ?? 0;
      const after = (await readWatermarks(ctx.postgres, ctx.manifest)).find((w) => w.tableName === table)?.timestampMs;
      if (after === undefined || after <= before) throw new Error(`the watermark of ${table} did not move during the test; no window was offloaded to compare`);
      const window = { startMs: before, endMs: after };
      const qualified = `${ctx.manifest.clickhouse.database}.${table}`;
      const [clickhouseKeys, icebergKeys] = await Promise.all([
        clickhouseWindowKeys(ctx.clickhouse, qualified, window, { final: table === ctx.manifest.clickhouse.silverTable }),
        icebergWindowKeys(ctx.iceberg, ctx.refOf(table), window),
      ]);
      return icebergMatchesClickHouse({ table, clickhouseKeys, icebergKeys });
    },
  };
}
