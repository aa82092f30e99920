import { test, expect } from '@playwright/test';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { IcebergProbe } from '../../src/probes/offload/iceberg-probe';
import { clickhouseWindowKeys } from '../../src/probes/offload/offload-window-keys';
import { silverTableDdl } from '../../stack/clickhouse/silver-ddl';
import { schemaNames } from '../../stack/clickhouse/schema-names';
import { parseUniqueKeys } from '../../services/offload/offload-flags';
import { OffloadHarness, triggerRuns, untilOffloadable } from './support/offload-harness';

const TABLE = 'silver_trades';
let h: OffloadHarness;
test.beforeAll(async () => {
  h = await OffloadHarness.start([]);
  await h.ch.client.command({ query: silverTableDdl(schemaNames(REFERENCE_MANIFEST)) });
});
test.afterAll(async () => { await h?.stop(); });

/**
 * Silver rows for trade ids `[from, to)` of one symbol, traded at `tradedSec`, ingested at
 * `ingestedSec`, with the rank silver's views give them (18.16 fills an omitted JSONEachRow field
 * with zero, not with the column's DEFAULT).
 */
function silverRows(from: number, to: number, tradedSec: number, ingestedSec: number): object[] {
  return Array.from({ length: to - from }, (_, i) => ({
    trade_id: from + i, exchange: 'binance', symbol: 'BTCUSDT', canonical_symbol: 'BTC/USDT', price: 60_000, quantity: 0.01, quote_volume: 600,
    side: 'buy', timestamp: tradedSec, timestamp_ms: tradedSec * 1000, ingestion_timestamp: ingestedSec, kafka_partition: 0, kafka_offset: from + i,
    first_copy_rank: 4294967295 - ingestedSec,
  }));
}

const insert = (rows: object[]) => h.ch.client.insert({ table: `k2.${TABLE}`, values: rows, format: 'JSONEachRow' });

test('silver: a trade delivered twice, in two windows or in one, reaches Iceberg once; the merge keeps the copy Iceberg has', async () => {
  const tradedSec = Math.floor(Date.now() / 1000) - 60;
  const firstSec = tradedSec + 1;
  await insert(silverRows(1, 101, tradedSec, firstSec));
  await untilOffloadable(firstSec);
  const { url } = await h.startOffload([TABLE]);
  const first = await triggerRuns(url, { wait: true });
  expect(first.json.runs).toEqual([expect.objectContaining({ table: TABLE, state: 'COMPLETED', rows: 100 })]);

  // Redelivered: trades 51-100 again, ingested later; new trades 101-150, of which 101-110 twice in this window.
  const laterSec = Math.floor(Date.now() / 1000) + 1;
  await insert([...silverRows(51, 101, tradedSec, laterSec), ...silverRows(101, 151, tradedSec, laterSec), ...silverRows(101, 111, tradedSec, laterSec)]);
  await untilOffloadable(laterSec);
  const second = await triggerRuns(url, { wait: true });
  expect(second.json.runs![0]).toMatchObject({ state: 'COMPLETED', rows: 50 });

  await h.ch.client.command({ query: `OPTIMIZE TABLE k2.${TABLE} FINAL` });
  const kept = await (await h.ch.client.query({ query: `SELECT toUInt32(ingestion_timestamp) AS t FROM k2.${TABLE} WHERE trade_id = 75`, format: 'JSONEachRow' })).json<{ t: number }>();
  expect(kept).toEqual([{ t: firstSec }]);

  const client = await h.pg.client();
  try {
    const probe = new IcebergProbe(client, h.objectStoreEndpoint);
    const keys = await probe.rowKeys({ catalog: 'k2', namespace: 'cold', table: TABLE }, ['symbol', 'trade_id']);
    expect(keys).toHaveLength(150);
    expect(new Set(keys).size).toBe(150);
    // What the Iceberg check compares silver's Iceberg keys with: ClickHouse as its merge leaves it.
    const window = { startMs: 0, endMs: laterSec * 1000 };
    expect((await clickhouseWindowKeys(h.ch.client, `k2.${TABLE}`, window, { final: true })).sort()).toEqual([...keys].sort());
  } finally {
    await client.end();
  }
});

test('--unique-keys: a table not offloaded, or a malformed entry, is a usage error naming it', () => {
  expect(parseUniqueKeys('silver_trades=exchange,symbol,trade_id', ['bronze_trades_binance'], 'timestamp')).toEqual({});
  expect(parseUniqueKeys('', ['silver_trades'], 'timestamp')).toEqual({});
  expect(parseUniqueKeys('t=a,b', ['t'], 'ts')).toEqual({ t: { columns: ['a', 'b'], eventTimeColumn: 'ts' } });
  expect(() => parseUniqueKeys('other=a', ['t'], 'ts')).toThrow('--unique-keys names "other", which is not in --tables (t)');
  expect(() => parseUniqueKeys('t=a;b', ['t'], 'ts')).toThrow('--unique-keys: "b" is not table=column,column');
  expect(() => parseUniqueKeys('t=a,', ['t'], 'ts')).toThrow('"t=a," is not table=column,column');
});
