import { test, expect } from '@playwright/test';
import { icebergMetadata, icebergRead } from 'icebird';
import { OffloadHarness, bronzeRows, triggerRuns, untilOffloadable } from './support/offload-harness';

const TABLE = 'silver_like_trades';
let h: OffloadHarness;
test.beforeAll(async () => { h = await OffloadHarness.start([TABLE]); });
test.afterAll(async () => { await h?.stop(); });

/**
 * icebird resolves s3:// to AWS hostnames; route the warehouse bucket to the local object store
 * and refuse anything else, so the test never leaves the machine.
 */
function routeBucketToLocalStore(port: number): () => void {
  const original = globalThis.fetch;
  const awsPrefix = 'https://k2-warehouse.s3.amazonaws.com/';
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(awsPrefix)) return Promise.reject(new Error(`test refuses to fetch ${url}`));
    return original(`http://127.0.0.1:${port}/k2-warehouse/${url.slice(awsPrefix.length)}`, init);
  };
  return () => { globalThis.fetch = original; };
}

test('an independent Iceberg reader (icebird) reads every committed row, field by field', async () => {
  const nowSec = Math.floor(Date.now() / 1000);
  await h.insertBronze(TABLE, bronzeRows(1, 601, nowSec - 100, 'SOLUSDT'));
  const { url } = await h.startOffload([TABLE], ['--file-rows', '250']);
  expect((await triggerRuns(url, { wait: true })).json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 600, files: 3 });
  const laterSec = Math.floor(Date.now() / 1000);
  await h.insertBronze(TABLE, bronzeRows(601, 701, laterSec, 'SOLUSDT'));
  await untilOffloadable(laterSec);
  expect((await triggerRuns(url, { wait: true })).json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 100 });

  const location = (await h.query<{ metadata_location: string }>('SELECT metadata_location FROM iceberg_tables WHERE table_name = $1', [TABLE]))[0]!.metadata_location;
  const tableUrl = `s3://k2-warehouse/cold/${TABLE}`;
  const restore = routeBucketToLocalStore(h.s3Port);
  try {
    const metadata = await icebergMetadata({ tableUrl, metadataFileName: location.split('/').pop()! });
    expect(metadata['format-version']).toBe(2);
    expect(metadata.snapshots).toHaveLength(2);
    const rows = await icebergRead({ tableUrl, metadata });
    expect(rows).toHaveLength(700);
    const ids = rows.map((r) => Number(r.trade_id)).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 700 }, (_, i) => i + 1));
    const expected = bronzeRows(42, 43, nowSec - 100, 'SOLUSDT')[0] as Record<string, unknown>;
    const row = rows.find((r) => Number(r.trade_id) === 42)!;
    expect(row).toMatchObject({ symbol: 'SOLUSDT', price: expected.price, quantity: expected.quantity, side: expected.side, raw: expected.raw, kafka_partition: null });
    expect((row.ingestion_timestamp as Date).getTime()).toBe((nowSec - 100) * 1000);
    expect(Number(row.exchange_time_ms)).toBe(expected.exchange_time_ms);
    expect(Number(rows.find((r) => Number(r.trade_id) === 43)!.kafka_partition)).toBe(3);
  } finally {
    restore();
  }
});
