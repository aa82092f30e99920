import { test, expect } from '@playwright/test';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { readWatermark } from '../../src/probes/offload/watermark-probe';
import { readOffloadRuns } from '../../src/probes/offload/offload-runs-probe';
import { IcebergProbe } from '../../src/probes/offload/iceberg-probe';
import { OffloadHarness, bronzeRows, triggerRuns, untilOffloadable } from './support/offload-harness';

const TABLE = 'bronze_trades_binance';
let h: OffloadHarness;
test.beforeAll(async () => { h = await OffloadHarness.start([TABLE]); });
test.afterAll(async () => { await h?.stop(); });

test('commits each window once and advances the watermark with the snapshot', async () => {
  const nowSec = Math.floor(Date.now() / 1000);
  await h.insertBronze(TABLE, bronzeRows(1, 1_001, nowSec - 100));
  const { url } = await h.startOffload([TABLE], ['--file-rows', '300']);

  const first = await triggerRuns(url, { wait: true });
  expect(first.json.runs).toEqual([expect.objectContaining({ table: TABLE, state: 'COMPLETED', rows: 1000, files: 4 })]);

  const laterSec = Math.floor(Date.now() / 1000);
  await h.insertBronze(TABLE, bronzeRows(1_001, 1_501, laterSec));
  await untilOffloadable(laterSec);
  const second = await triggerRuns(url, { wait: true });
  expect(second.json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 500 });
  const third = await triggerRuns(url, { wait: true });
  expect(third.json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 0, files: 0 });

  const client = await h.pg.client();
  try {
    const probe = new IcebergProbe(client, h.objectStoreEndpoint);
    const ref = { catalog: 'k2', namespace: 'cold', table: TABLE };
    const view = await probe.snapshots(ref);
    expect(view.snapshots).toHaveLength(2);
    expect(view.snapshots.map((s) => s.runId)).toEqual([first.json.runs![0]!.id, second.json.runs![0]!.id]);
    const keys = await probe.rowKeys(ref, ['symbol', 'trade_id']);
    expect(keys).toHaveLength(1500);
    expect(new Set(keys).size).toBe(1500);
    const wm = await readWatermark(client, REFERENCE_MANIFEST, TABLE);
    expect(wm).toMatchObject({ status: 'success', maxSequence: '1500', rowCount: 500, failureCount: 0 });
    expect(wm!.timestampMs).toBe(view.snapshots[1]!.windowEndMs);
    const runs = await readOffloadRuns(client, { table: TABLE });
    expect(runs.map((r) => r.state)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
  } finally {
    await client.end();
  }
});
