import { test, expect } from '@playwright/test';
import { parsePrometheusText } from '../../services/shared/prometheus';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { readWatermark } from '../../src/probes/offload/watermark-probe';
import { readOffloadRuns } from '../../src/probes/offload/offload-runs-probe';
import { IcebergProbe } from '../../src/probes/offload/iceberg-probe';
import { OffloadHarness, bronzeRows, triggerRuns, untilOffloadable, workerStatus } from './support/offload-harness';

const TABLE = 'bronze_trades_coinbase';
const REF = { catalog: 'k2', namespace: 'cold', table: TABLE };
let h: OffloadHarness;
test.beforeAll(async () => { h = await OffloadHarness.start([TABLE]); });
test.afterAll(async () => { await h?.stop(); });

async function metrics(url: string): Promise<Map<string, number>> {
  return parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
}

test.describe.configure({ mode: 'serial' });

test('object store down: the run FAILS with its cause, the alert gauge fires, nothing moves; a clean resume after it returns', async () => {
  const nowSec = Math.floor(Date.now() / 1000);
  await h.insertBronze(TABLE, bronzeRows(1, 1_001, nowSec - 100, 'BTC-USD'));
  const { url } = await h.startOffload([TABLE]);
  const ok = await triggerRuns(url, { wait: true });
  expect(ok.json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 1_000 });
  const client = await h.pg.client();
  try {
    const before = (await readWatermark(client, REFERENCE_MANIFEST, TABLE))!;
    const metadataBefore = (await new IcebergProbe(client, h.objectStoreEndpoint).snapshots(REF)).metadataLocation;

    const laterSec = Math.floor(Date.now() / 1000);
    await h.insertBronze(TABLE, bronzeRows(1_001, 1_301, laterSec, 'BTC-USD'));
    await untilOffloadable(laterSec);
    await h.stopObjectStore();
    const failed = await triggerRuns(url, { wait: true });
    expect(failed.json.runs![0]).toMatchObject({ state: 'FAILED', error: expect.stringMatching(/object store/) });
    const m = await metrics(url);
    expect(m.get('k2_offload_failing')).toBe(1);
    expect(m.get(`k2_offload_failing{table="${TABLE}"}`)).toBe(1);
    expect(m.get(`k2_offload_failures_total{table="${TABLE}"}`)).toBe(1);
    expect((await workerStatus(url)).failing).toBe(true);
    expect(await readWatermark(client, REFERENCE_MANIFEST, TABLE)).toMatchObject({ timestampMs: before.timestampMs, status: 'failed', failureCount: 1, lastError: expect.stringMatching(/object store/) });
    const failedRun = (await readOffloadRuns(client, { table: TABLE })).at(-1)!;
    expect(failedRun).toMatchObject({ state: 'FAILED', windowStartMs: before.timestampMs, error: expect.stringMatching(/object store/) });

    await h.startObjectStore();
    const resumed = await triggerRuns(url, { wait: true });
    expect(resumed.json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 300 });
    const resumedRun = (await readOffloadRuns(client, { table: TABLE })).at(-1)!;
    expect(resumedRun.windowStartMs).toBe(failedRun.windowStartMs);
    expect((await metrics(url)).get('k2_offload_failing')).toBe(0);
    const view = await new IcebergProbe(client, h.objectStoreEndpoint).snapshots(REF);
    expect(view.snapshots.map((s) => s.runId)).not.toContain(failedRun.id);
    expect(view.snapshots).toHaveLength(2);
    expect(metadataBefore).not.toBeNull();
    expect(await new IcebergProbe(client, h.objectStoreEndpoint).rowKeys(REF, ['symbol', 'trade_id'])).toHaveLength(1_300);
    expect(await readWatermark(client, REFERENCE_MANIFEST, TABLE)).toMatchObject({ status: 'success', failureCount: 0, maxSequence: '1300' });
  } finally {
    await client.end();
  }
});

test('object store lost in the middle of uploading: FAILED, no partial commit', async () => {
  const laterSec = Math.floor(Date.now() / 1000);
  await h.insertBronze(TABLE, bronzeRows(1_301, 1_601, laterSec, 'BTC-USD'));
  await untilOffloadable(laterSec);
  const { url } = await h.startOffload([TABLE], ['--file-rows', '100']);
  const client = await h.pg.client();
  try {
    const before = (await readWatermark(client, REFERENCE_MANIFEST, TABLE))!;
    const metadataBefore = (await new IcebergProbe(client, h.objectStoreEndpoint).snapshots(REF)).metadataLocation;
    await triggerRuns(url, { holdAt: 'uploading' });
    await expect.poll(async () => (await workerStatus(url)).held, { timeout: 60_000 }).toBe(true);
    await h.stopObjectStore();
    await fetch(`${url}/runs/release`, { method: 'POST' });
    await expect.poll(async () => (await workerStatus(url)).state, { timeout: 60_000 }).toBe('idle');
    const run = (await readOffloadRuns(client, { table: TABLE })).at(-1)!;
    expect(run).toMatchObject({ state: 'FAILED', error: expect.stringMatching(/object store/) });
    expect((await readWatermark(client, REFERENCE_MANIFEST, TABLE))!.timestampMs).toBe(before.timestampMs);
    const rows = await h.query<{ metadata_location: string }>('SELECT metadata_location FROM iceberg_tables WHERE table_name = $1', [TABLE]);
    expect(rows[0]!.metadata_location).toBe(metadataBefore);
    await h.startObjectStore();
    expect((await triggerRuns(url, { wait: true })).json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 300 });
  } finally {
    await client.end();
  }
});

test('ClickHouse down: FAILED naming ClickHouse, watermark kept, next run retries the same window', async () => {
  const { url } = await h.startOffload([TABLE]);
  const laterSec = Math.floor(Date.now() / 1000);
  await h.insertBronze(TABLE, bronzeRows(1_601, 1_701, laterSec, 'BTC-USD'));
  await untilOffloadable(laterSec);
  const client = await h.pg.client();
  try {
    const before = (await readWatermark(client, REFERENCE_MANIFEST, TABLE))!;
    await h.ch.kill();
    const failed = await triggerRuns(url, { wait: true });
    expect(failed.json.runs![0]).toMatchObject({ state: 'FAILED', error: expect.stringMatching(/^ClickHouse http/) });
    expect((await readWatermark(client, REFERENCE_MANIFEST, TABLE))!.timestampMs).toBe(before.timestampMs);
    await h.ch.start();
    const ok = await triggerRuns(url, { wait: true });
    expect(ok.json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 100 });
  } finally {
    await client.end();
  }
});

test('Postgres down: the run FAILS, is written to the ledger once Postgres is back, and the window is retried', async () => {
  const { url } = await h.startOffload([TABLE]);
  const laterSec = Math.floor(Date.now() / 1000);
  await h.insertBronze(TABLE, bronzeRows(1_701, 1_801, laterSec, 'BTC-USD'));
  await untilOffloadable(laterSec);
  const before = (await h.query<{ ts: Date }>('SELECT last_offload_timestamp AS ts FROM offload_watermarks WHERE table_name = $1', [TABLE]))[0]!.ts;
  await h.pg.kill();
  const failed = await triggerRuns(url, { wait: true });
  expect(failed.json.runs![0]).toMatchObject({ state: 'FAILED', error: expect.stringMatching(/catalog database/) });
  expect((await metrics(url)).get('k2_offload_failing')).toBe(1);
  await h.pg.start();
  const ok = await triggerRuns(url, { wait: true });
  expect(ok.json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 100 });
  const runs = await h.query<{ id: string; state: string; error: string }>('SELECT id::text, state, error FROM offload_runs WHERE id = $1', [failed.json.runs![0]!.id]);
  expect(runs).toEqual([{ id: failed.json.runs![0]!.id, state: 'FAILED', error: expect.stringMatching(/catalog database/) }]);
  const after = (await h.query<{ ts: Date }>('SELECT last_offload_timestamp AS ts FROM offload_watermarks WHERE table_name = $1', [TABLE]))[0]!.ts;
  expect(after.getTime()).toBeGreaterThan(before.getTime());
});
