import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { OffloadConfig } from './offload-config';
import { tableLocation } from './offload-config';
import type { ClickHouseSource } from './source/clickhouse-source';
import type { WarehouseStore } from './warehouse-store';
import { icebergSchemaFor, sameFields } from './iceberg/iceberg-schema';
import { encodeDataFile, type EncodedDataFile } from './iceberg/parquet-data-file';
import { decodeManifestList, encodeManifest, encodeManifestList, type ManifestFile, type NewDataFile } from './iceberg/manifest-files';
import { currentSchema, currentSnapshot, metadataFileName, newSnapshotId, newTableMetadata, withAppendedSnapshot, type TableMetadata } from './iceberg/table-metadata';
import { loadMetadataLocation, swapMetadataLocation, type TableIdentifier } from './iceberg/jdbc-catalog';
import { advanceWatermark, ensureWatermark, readWatermark, recordWatermarkFailure, recordWatermarkRunning } from './postgres/watermarks';
import { insertScheduledRun, markRunCompleted, markRunFailed, markRunRunning, recoverStaleRuns } from './postgres/run-ledger';
import { tableLockKey } from './table-lock';

/** Where a run is; a chaos spec waits for `uploading` before it kills the worker. */
export type RunPhase = 'locking' | 'reading' | 'writing' | 'uploading' | 'committing';

export interface RunProgress {
  phase: RunPhase;
  window?: { startSec: number; endSec: number };
  rows?: number;
  filesTotal?: number;
  filesUploaded?: number;
}

export interface RunContext {
  id: string;
  table: string;
  trigger: string;
  workerId: string;
  config: OffloadConfig;
  postgres: pg.Client;
  source: ClickHouseSource;
  store: WarehouseStore;
  now: () => number;
  onProgress: (p: RunProgress) => void;
  /** Called once the first data file is stored; a held run waits here. */
  afterFirstUpload: () => Promise<void>;
}

export interface RunResult {
  id: string;
  table: string;
  state: 'COMPLETED' | 'FAILED' | 'SKIPPED';
  window?: { startSec: number; endSec: number };
  rows: number;
  files: number;
  snapshotId?: number;
  error?: string;
  /** Runs of this table found abandoned by a dead worker and marked FAILED by this run. */
  recovered: string[];
}

/**
 * Offloads one table's window `(watermark, now - lag]` into its Iceberg table. Nothing it writes
 * to the object store is referenced until the final Postgres transaction swaps the catalog
 * pointer and moves the watermark together, so a crash or fault at any point leaves both or
 * neither (unless a seeded test defect is on: see services/shared/test-defects.ts). The caller's Postgres session holds the table's advisory lock for the whole run.
 */
export async function offloadTableRun(ctx: RunContext): Promise<RunResult> {
  const { config, postgres: pgc, table } = ctx;
  const result: RunResult = { id: ctx.id, table, state: 'FAILED', rows: 0, files: 0, recovered: [] };
  ctx.onProgress({ phase: 'locking' });
  const { rows: lockRows } = await pgc.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [tableLockKey, table]);
  if (!lockRows[0]?.locked) return { ...result, state: 'SKIPPED', error: `another run holds the offload lock of ${table}` };
  try {
    result.recovered = await recoverStaleRuns(pgc, table, ctx.id);
    await insertScheduledRun(pgc, ctx.id, table, ctx.trigger, ctx.workerId);
    await ensureWatermark(pgc, table);
    const watermark = await readWatermark(pgc, table);
    const window = { startSec: watermark.timestampSec, endSec: Math.floor((ctx.now() - config.lagMs) / 1000) - 1 };
    result.window = window;
    if (window.endSec <= window.startSec) {
      await markRunCompleted(pgc, ctx.id, 0, 0, null);
      return { ...result, state: 'COMPLETED' };
    }
    await markRunRunning(pgc, ctx.id, window.startSec, window.endSec);
    await recordWatermarkRunning(pgc, table);
    let fromSec = watermark.timestampSec;
    if (config.testDefects.has('offload-watermark-before-upload')) fromSec = await moveWatermarkWithoutData(pgc, table, fromSec, window.endSec);
    try {
      const committed = await offloadWindow(ctx, window, fromSec);
      return { ...result, ...committed, state: 'COMPLETED', window };
    } catch (error) {
      const message = describe(error);
      await markRunFailed(pgc, { id: ctx.id, table, trigger: ctx.trigger, workerId: ctx.workerId, error: message, window });
      if (config.testDefects.has('offload-skips-failed-window')) await moveWatermarkWithoutData(pgc, table, fromSec, window.endSec).catch(() => undefined);
      await recordWatermarkFailure(pgc, table, message);
      return { ...result, state: 'FAILED', error: message };
    }
  } finally {
    await pgc.query('SELECT pg_advisory_unlock($1, hashtext($2))', [tableLockKey, table]).catch(() => undefined);
  }
}

async function offloadWindow(ctx: RunContext, window: { startSec: number; endSec: number }, fromSec: number): Promise<Pick<RunResult, 'rows' | 'files' | 'snapshotId'>> {
  const { config, postgres: pgc, store, table } = ctx;
  const startedMs = ctx.now();
  const ident: TableIdentifier = { catalog: config.catalog, namespace: config.namespace, name: table };
  const previousFile = await loadMetadataLocation(pgc, ident);

  ctx.onProgress({ phase: 'reading', window });
  const plans = await ctx.source.describe(table, config.timeColumn);
  const data = await ctx.source.readWindow(table, plans, config.timeColumn, window, config.uniqueKeys[table]);
  const schema = icebergSchemaFor(plans);
  const previous: TableMetadata = previousFile
    ? JSON.parse((await store.get(previousFile)).toString('utf8')) as TableMetadata
    : newTableMetadata(tableLocation(config, table), schema, ctx.now());
  if (!sameFields(currentSchema(previous), schema)) {
    throw new Error(`columns of ${table} no longer match Iceberg table ${config.namespace}.${table}; schema evolution is not supported by the offload`);
  }

  const maxSequence = maxOf(data.values[plans.findIndex((p) => p.name === config.sequenceColumn)]);
  if (data.rowCount === 0) {
    // Nothing to commit: the watermark stays where the last snapshot put it.
    await inTransaction(pgc, async () => {
      await markRunCompleted(pgc, ctx.id, 0, 0, null);
      await pgc.query(`UPDATE offload_watermarks SET status = 'success', last_successful_run = now(), failure_count = 0, last_error_message = NULL, updated_at = now() WHERE table_name = $1`, [table]);
    });
    return { rows: 0, files: 0 };
  }

  const location = previous.location;
  const files: NewDataFile[] = [];
  const fileCount = Math.ceil(data.rowCount / config.fileRows);
  ctx.onProgress({ phase: 'writing', window, rows: data.rowCount, filesTotal: fileCount, filesUploaded: 0 });
  let upload: Promise<void> = Promise.resolve();
  for (let n = 0; n < fileCount; n++) {
    const encoded: EncodedDataFile = encodeDataFile(schema, data.values, n * config.fileRows, Math.min(data.rowCount, (n + 1) * config.fileRows));
    const path = `${location}/data/${ctx.id}/part-${String(n).padStart(5, '0')}.parquet`;
    await upload;
    // Encoding the next file overlaps this upload.
    upload = (async () => {
      ctx.onProgress({ phase: 'uploading', window, rows: data.rowCount, filesTotal: fileCount, filesUploaded: n });
      console.log(`offload run ${ctx.id} ${table}: uploading data file ${n + 1}/${fileCount}`);
      await store.put(path, encoded.bytes);
      files.push({ path, stats: encoded.stats });
      ctx.onProgress({ phase: 'uploading', window, rows: data.rowCount, filesTotal: fileCount, filesUploaded: n + 1 });
      if (n === 0) await ctx.afterFirstUpload();
    })();
  }
  await upload;

  ctx.onProgress({ phase: 'committing', window, rows: data.rowCount, filesTotal: fileCount, filesUploaded: fileCount });
  const parent = currentSnapshot(previous);
  const snapshotId = newSnapshotId();
  const sequenceNumber = previous['last-sequence-number'] + 1;
  const carried = parent ? await decodeManifestList(await store.get(parent['manifest-list'])) : [];
  const manifestPath = `${location}/metadata/${ctx.id}-m0.avro`;
  const manifestBytes = await encodeManifest(schema, snapshotId, files);
  await store.put(manifestPath, manifestBytes);
  const addedRows = files.reduce((n, f) => n + f.stats.recordCount, 0);
  const manifest: ManifestFile = {
    manifest_path: manifestPath, manifest_length: manifestBytes.length, partition_spec_id: 0, content: 0,
    sequence_number: sequenceNumber, min_sequence_number: sequenceNumber, added_snapshot_id: snapshotId,
    added_files_count: files.length, existing_files_count: 0, deleted_files_count: 0,
    added_rows_count: addedRows, existing_rows_count: 0, deleted_rows_count: 0, partitions: null, key_metadata: null,
  };
  const manifestListPath = `${location}/metadata/snap-${snapshotId}-1-${ctx.id}.avro`;
  await store.put(manifestListPath, await encodeManifestList(snapshotId, parent?.['snapshot-id'] ?? null, sequenceNumber, [manifest, ...carried]));

  const totals: Record<string, string> = parent?.summary ?? {};
  const addedSize = files.reduce((n, f) => n + f.stats.fileSizeInBytes, 0);
  const metadata = withAppendedSnapshot(previous, previousFile, {
    'snapshot-id': snapshotId,
    ...(parent ? { 'parent-snapshot-id': parent['snapshot-id'] } : {}),
    'sequence-number': sequenceNumber,
    'timestamp-ms': ctx.now(),
    'manifest-list': manifestListPath,
    'schema-id': schema['schema-id'],
    summary: {
      operation: 'append',
      'added-data-files': String(files.length),
      'added-records': String(addedRows),
      'added-files-size': String(addedSize),
      'total-data-files': String(Number(totals['total-data-files'] ?? 0) + files.length),
      'total-records': String(Number(totals['total-records'] ?? 0) + addedRows),
      'total-files-size': String(Number(totals['total-files-size'] ?? 0) + addedSize),
      'total-delete-files': '0', 'total-position-deletes': '0', 'total-equality-deletes': '0',
      'k2.run-id': ctx.id,
      'k2.source-table': table,
      'k2.window-start': new Date(window.startSec * 1000).toISOString(),
      'k2.window-end': new Date(window.endSec * 1000).toISOString(),
    },
  });
  const metadataPath = metadataFileName(location, previousFile, randomUUID());
  await store.put(metadataPath, Buffer.from(JSON.stringify(metadata)), 'application/json');

  const swapCatalog = async () => {
    if (!(await swapMetadataLocation(pgc, ident, previousFile, metadataPath))) {
      throw new Error(`commit conflict: the catalog pointer of ${config.namespace}.${table} moved during the run`);
    }
  };
  const moveWatermark = async () => {
    if (!(await advanceWatermark(pgc, { table, fromSec, toSec: window.endSec, maxSequence, rowCount: addedRows, durationSec: (ctx.now() - startedMs) / 1000 }))) {
      throw new Error(`commit conflict: the watermark of ${table} moved during the run`);
    }
    await markRunCompleted(pgc, ctx.id, addedRows, files.length, snapshotId);
  };
  if (config.testDefects.has('offload-split-commit')) {
    await inTransaction(pgc, swapCatalog);
    await inTransaction(pgc, moveWatermark);
  } else {
    // One transaction: the snapshot becomes visible exactly when the watermark moves past it.
    await inTransaction(pgc, async () => { await swapCatalog(); await moveWatermark(); });
  }
  return { rows: addedRows, files: files.length, snapshotId };
}

async function inTransaction(pgc: pg.Client, work: () => Promise<void>): Promise<void> {
  await pgc.query('BEGIN');
  try {
    await work();
    await pgc.query('COMMIT');
  } catch (error) {
    await pgc.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Seeded defects `offload-watermark-before-upload` and `offload-skips-failed-window`: the watermark
 * moves to the window's end with nothing committed. Returns the watermark the run now starts from.
 */
async function moveWatermarkWithoutData(pgc: pg.Client, table: string, fromSec: number, toSec: number): Promise<number> {
  await advanceWatermark(pgc, { table, fromSec, toSec, maxSequence: 0n, rowCount: 0, durationSec: 0 });
  return toSec;
}

function maxOf(values: unknown): bigint {
  let max = 0n;
  if (values instanceof BigInt64Array) for (const v of values) { if (v > max) max = v; }
  else if (Array.isArray(values)) for (const v of values) { if (typeof v === 'bigint' && v > max) max = v; }
  return max;
}

/** One line naming the cause, including the code of a network error without a message. */
export function describe(error: unknown): string {
  const e = error as { message?: string; code?: string; errors?: Array<{ message?: string }> };
  const base = e?.message || e?.errors?.map((x) => x.message).join('; ') || e?.code || String(error);
  return e?.code && !base.includes(e.code) ? `${base} (${e.code})` : base;
}
