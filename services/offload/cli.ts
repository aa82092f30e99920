import type { CliCommand } from '../../src/cli/command';
import { TEST_DEFECTS } from '../shared/test-defects';
import { parseFlags, parseHostPort, requireFlag } from '../../src/cli/flags';
import { startServiceHttp } from '../shared/service-http';
import { OFFLOAD_OPTIONS, offloadConfigFrom } from './offload-flags';
import { OffloadWorker } from './offload-worker';
import { offloadRoutes } from './offload-routes';
import { removeOrphanFiles } from './orphan-files';
import { WarehouseStore } from './warehouse-store';

const USAGE = `Usage: k2-chaos offload --http HOST:PORT --clickhouse URL --postgres HOST:PORT --s3-endpoint URL [options]
       k2-chaos offload --maintenance --postgres HOST:PORT --s3-endpoint URL --clickhouse URL [--dry-run] [--min-age-seconds N]

Offloads each table's window (watermark, now - lag] from ClickHouse into an Iceberg v2 table on S3
(catalog: Iceberg's JDBC tables in Postgres), on a schedule and on demand (POST /runs).
Credentials from the environment: K2_CLICKHOUSE_USER (default "default"), K2_CLICKHOUSE_PASSWORD,
K2_POSTGRES_USER, K2_POSTGRES_PASSWORD, K2_POSTGRES_DB (default "postgres"), K2_S3_ACCESS_KEY, K2_S3_SECRET_KEY.

  --http HOST:PORT            /health, /metrics, GET /status, POST /runs, POST /runs/release
  --clickhouse URL            ClickHouse HTTP URL (or K2_CLICKHOUSE_URL)
  --clickhouse-database DB    default k2
  --postgres HOST:PORT        catalog database (or K2_POSTGRES_HOST and K2_POSTGRES_PORT)
  --s3-endpoint URL           object store, e.g. http://127.0.0.1:9000 (or K2_S3_ENDPOINT)
  --bucket NAME               default k2-warehouse;  --region default us-east-1
  --tables A,B                (or K2_OFFLOAD_TABLES) default bronze_trades_binance,bronze_trades_kraken,bronze_trades_coinbase,silver_trades
  --catalog NAME              JDBC catalog name, default k2;  --namespace default cold
  --interval-seconds N        schedule period (or K2_OFFLOAD_INTERVAL_SECONDS), default 900; 0: on demand only
  --lag-seconds N             window ends N seconds before now (or K2_OFFLOAD_LAG_SECONDS), default 300
  --time-column COL           DateTime column windows are cut on, default ingestion_timestamp
  --sequence-column COL       recorded as last_offload_max_sequence, default trade_id
  --unique-keys T=C,C;T=C     tables whose rows reach Iceberg once by those columns (a key an
                              earlier window held is skipped), default silver_trades=exchange,symbol,trade_id;
                              "" for none
  --event-time-column COL     column every copy of a row shares, bounding that search, default timestamp
  --file-rows N               rows per Parquet data file, default 500000
  --timeout-seconds N         deadline of each external call, default 30
  --hold-timeout-seconds N    a held run continues on its own after N seconds, default 300
  --maintenance               remove files no committed metadata references, then exit
  --dry-run                   with --maintenance: list them only
  --min-age-seconds N         with --maintenance: only files at least this old, default 0`;

export const command: CliCommand = {
  summary: 'Offload worker: ClickHouse windows -> Iceberg on S3, watermarks in Postgres',
  usage: USAGE,
  async run(argv) {
    const { values } = parseFlags(argv, OFFLOAD_OPTIONS);
    const config = offloadConfigFrom(values);
    if (values.maintenance) {
      const store = new WarehouseStore(config.objectStore, config.callTimeoutMs);
      const minAgeMs = Math.round(Number(values['min-age-seconds'] ?? 0) * 1000);
      const reports = await removeOrphanFiles(config, store, { dryRun: values['dry-run'] ?? false, minAgeMs: Number.isFinite(minAgeMs) ? minAgeMs : 0 });
      for (const r of reports) {
        console.log(`${r.table}: ${r.skipped ? `skipped (${r.skipped})` : `${r.referenced} referenced, ${r.orphans.length} orphan file(s) ${values['dry-run'] ? 'found' : 'removed'}`}`);
        for (const key of r.orphans) console.log(`  ${key}`);
      }
      console.log(JSON.stringify({ maintenance: reports }));
      return 0;
    }
    const address = parseHostPort(requireFlag(values.http, '--http'), '--http');
    const worker = new OffloadWorker(config);
    const http = await startServiceHttp({
      ...address,
      health: () => ({ ok: true, workerId: worker.workerId, state: worker.getStatus().state, failing: worker.getStatus().failing }),
      metrics: () => worker.metrics.render(),
      routes: offloadRoutes(worker),
    });
    worker.startSchedule();
    for (const defect of config.testDefects) console.log(`offload worker: seeded test defect ${defect}: ${TEST_DEFECTS[defect]}`);
    console.log(`offload worker ${worker.workerId} http ${http.url} tables ${config.tables.join(',')} interval ${config.intervalMs / 1000}s lag ${config.lagMs / 1000}s`);
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await http.close();
    await worker.stop();
    return 0;
  },
};
