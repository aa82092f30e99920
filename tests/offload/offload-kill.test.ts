import { test, expect } from '@playwright/test';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { readWatermark } from '../../src/probes/offload/watermark-probe';
import { readOffloadRuns } from '../../src/probes/offload/offload-runs-probe';
import { IcebergProbe } from '../../src/probes/offload/iceberg-probe';
import { clickhouseWindowKeys, icebergWindowKeys } from '../../src/probes/offload/offload-window-keys';
import { failedRunNoEffect } from '../../src/invariants/offload/failed-run-no-effect';
import { watermarkNotAhead } from '../../src/invariants/offload/watermark-not-ahead';
import { icebergMatchesClickHouse } from '../../src/invariants/offload/iceberg-matches-clickhouse';
import { OffloadHarness, bronzeRows, triggerRuns, workerStatus } from './support/offload-harness';

const TABLE = 'bronze_trades_kraken';
const REF = { catalog: 'k2', namespace: 'cold', table: TABLE };
let h: OffloadHarness;
test.beforeAll(async () => { h = await OffloadHarness.start([TABLE]); });
test.afterAll(async () => { await h?.stop(); });

test('a SIGKILL while uploading leaves watermark and metadata untouched; the next run commits the window once; maintenance removes the dead run\'s files', async () => {
  const nowSec = Math.floor(Date.now() / 1000);
  await h.insertBronze(TABLE, bronzeRows(1, 2_001, nowSec - 100, 'XBT/USD'));
  await h.insertBronze(TABLE, bronzeRows(1, 501, nowSec - 90, 'ETH/USD'));
  const client = await h.pg.client();
  try {
    const before = await readWatermark(client, REFERENCE_MANIFEST, TABLE);
    const first = await h.startOffload([TABLE], ['--file-rows', '500']);
    const triggered = await triggerRuns(first.url, { holdAt: 'uploading' });
    expect(triggered.status).toBe(202);
    await expect.poll(async () => (await workerStatus(first.url)).held, { timeout: 60_000 }).toBe(true);
    const status = await workerStatus(first.url);
    expect(status.phase).toBe('uploading');
    const killedRun = status.currentRun!.id;
    await first.proc.kill('SIGKILL');

    expect(await readWatermark(client, REFERENCE_MANIFEST, TABLE)).toMatchObject({ timestampMs: before?.timestampMs ?? 0 });
    expect((await new IcebergProbe(client, h.objectStoreEndpoint).snapshots(REF)).metadataLocation).toBeNull();
    expect((await readOffloadRuns(client, { table: TABLE })).find((r) => r.id === killedRun)?.state).toBe('RUNNING');

    const second = await h.startOffload([TABLE], ['--file-rows', '500']);
    const retry = await triggerRuns(second.url, { wait: true });
    expect(retry.json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 2_500, recovered: [killedRun] });

    const probe = new IcebergProbe(client, h.objectStoreEndpoint);
    const after = (await readWatermark(client, REFERENCE_MANIFEST, TABLE))!;
    const views = { [TABLE]: await probe.snapshots(REF) };
    const runs = await readOffloadRuns(client, { table: TABLE });
    expect(runs.find((r) => r.id === killedRun)).toMatchObject({ state: 'FAILED', error: expect.stringContaining('interrupted') });
    const window = { startMs: before?.timestampMs ?? 0, endMs: after.timestampMs };
    const results = [
      failedRunNoEffect({ runs, watermarkReadings: [before ? [before] : [], [after]], iceberg: views }),
      watermarkNotAhead({ watermarks: [after], iceberg: views }),
      icebergMatchesClickHouse({ table: TABLE, clickhouseKeys: await clickhouseWindowKeys(h.ch.client, `k2.${TABLE}`, window), icebergKeys: await icebergWindowKeys(probe, REF, window) }),
    ];
    expect(results.map((r) => [r.name, r.status])).toEqual(results.map((r) => [r.name, 'valid']));
    expect(results[2]!.counts).toMatchObject({ expected: 2_500, lost: 0, duplicated: 0 });

    const dry = await h.maintenance([TABLE], ['--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.output).toContain(`data/${killedRun}/part-00000.parquet`);
    const removed = await h.maintenance([TABLE]);
    expect(removed.output).toMatch(/1 orphan file\(s\) removed/);
    expect((await h.maintenance([TABLE], ['--dry-run'])).output).toMatch(/0 orphan file\(s\) found/);
    expect(await probe.rowKeys(REF, ['symbol', 'trade_id'])).toHaveLength(2_500);
  } finally {
    await client.end();
  }
});
