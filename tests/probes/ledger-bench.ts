import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { tradeLedger } from '../../src/invariants/pipeline';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { openPipelineSource, readLedgerObservations } from '../../src/probes/pipeline';
import type { ExchangeGroundTruth } from '../../src/probes/pipeline/simulator-emitted';
import { EXCHANGES, type Exchange } from '../../src/stack/names';
import { applyClickHouseSchema } from '../../stack/clickhouse/schema';
import { startPrivateClickHouse } from '../support/private-clickhouse';
import { bronzeRow, insertBronze } from '../clickhouse-schema/trade-rows';
import { testEndpoints } from './test-endpoints';

/**
 * `npm run bench:ledger`: the ledger over IDS_PER_EXCHANGE ids per exchange on a private
 * ClickHouse 18.16, bronze (with duplicates) and silver read with FINAL. Prints measured times.
 */
const IDS_PER_EXCHANGE = 200_000;
const SYMBOLS: Record<Exchange, string[]> = {
  binance: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
  kraken: ['BTC/USD', 'ETH/USD', 'SOL/USD'],
  coinbase: ['BTC-USD', 'ETH-USD', 'SOL-USD'],
};
const BATCH = 50_000;
const RUNS = 5;
const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const ch = await startPrivateClickHouse({ stackSettings: true });
  const source = openPipelineSource(testEndpoints({ clickhouseUrl: ch.url }), REFERENCE_MANIFEST);
  try {
    await applyClickHouseSchema(ch.client, { brokers: ['127.0.0.1:1'] });
    const perSymbol = Math.floor(IDS_PER_EXCHANGE / 3);
    const truth: Partial<Record<Exchange, ExchangeGroundTruth>> = {};
    const loadStart = performance.now();
    for (const exchange of EXCHANGES) {
      for (const symbol of SYMBOLS[exchange]) {
        // Every id once, ids 1000..1999 a second time (a redelivered block), 5000..5099 never.
        const ids: number[] = [];
        for (let id = 1; id <= perSymbol; id++) if (id < 5_000 || id >= 5_100) ids.push(id);
        for (let id = 1_000; id < 2_000; id++) ids.push(id);
        for (let i = 0; i < ids.length; i += BATCH) {
          await insertBronze(ch.client, exchange, ids.slice(i, i + BATCH).map((id) => bronzeRow(symbol, id, T0 + id)));
        }
      }
      truth[exchange] = {
        fromMs: T0, toMs: T0 + perSymbol,
        symbols: Object.fromEntries(SYMBOLS[exchange].map((s) => [s, { firstId: 1, lastId: perSymbol, count: perSymbol }])),
        lastIds: Object.fromEntries(SYMBOLS[exchange].map((s) => [s, perSymbol])),
      };
    }
    console.log(`loaded ${EXCHANGES.length} x ${perSymbol * 3} ids (+ duplicates) in ${Math.round(performance.now() - loadStart)} ms`);

    // A window after the gap and the duplicates: the common case, answered from counts alone.
    const clean = Object.fromEntries(Object.entries(truth).map(([e, t]) => [e, {
      ...t, symbols: Object.fromEntries(Object.keys(t.symbols).map((s) => [s, { firstId: 5_100, lastId: perSymbol, count: perSymbol - 5_099 }])),
    }])) as typeof truth;
    const cases = [['bronze', 'report', truth], ['silver', 'fail', truth], ['silver', 'fail', clean]] as const;
    for (const [hop, duplicates, expected] of cases) {
      const times: number[] = [];
      let summary = '';
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const observed = await readLedgerObservations(source, hop, expected);
        summary = tradeLedger({ hop, expected, observed, duplicates }).summary;
        times.push(performance.now() - started);
      }
      const label = expected === clean ? `${hop} (clean window)` : hop;
      console.log(`ledger ${label}: median ${Math.round(median(times))} ms, min ${Math.round(Math.min(...times))} ms over ${RUNS} runs, 3 exchanges read in parallel: ${summary}`);
    }
    console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (on ${(await import('node:os')).cpus().length} cores)`);
  } finally {
    await source.close();
    await ch.stop();
  }
}

await main();
