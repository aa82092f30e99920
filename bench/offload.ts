// Offload throughput: one 1,000,000-row bronze window from ClickHouse to a committed Iceberg
// snapshot, through the real worker process. Prints the figures; asserts nothing.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPostgresSchema } from '../stack/postgres/schema';
import { startPostgres } from '../tests/offload/support/postgres-instance';
import { startPrivateClickHouse } from '../tests/support/private-clickhouse';
import { startCli } from '../tests/offload/support/cli-process';
import { bronzeDdl, S3_KEYS } from '../tests/offload/support/offload-harness';

const ROWS = Number(process.env.BENCH_OFFLOAD_ROWS ?? 1_000_000);
const TABLE = 'bronze_trades_binance';
const TARGET_ROWS_PER_SEC = 100_000;

/** CPU seconds (user + system) a process has used, from /proc; the machine is shared, so wall time alone says little. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(stat[11]) + Number(stat[12])) / 100;
}

const [pgi, ch] = await Promise.all([startPostgres(), startPrivateClickHouse()]);
const dir = await mkdtemp(join(tmpdir(), 'k2-bench-offload-'));
const env = { K2_S3_ACCESS_KEY: S3_KEYS.accessKey, K2_S3_SECRET_KEY: S3_KEYS.secretKey, K2_POSTGRES_USER: 'k2', K2_POSTGRES_PASSWORD: '', K2_POSTGRES_DB: 'postgres' };
const store = startCli(['object-store', '--data-dir', join(dir, 's3'), '--listen', '127.0.0.1:0'], env);
try {
  const s3Url = (await store.waitFor(/listening on (http:\/\/\S+)/))[1]!;
  const c = await pgi.client();
  await applyPostgresSchema(c);
  await c.end();
  await ch.client.command({ query: 'CREATE DATABASE IF NOT EXISTS k2' });
  await ch.client.command({ query: bronzeDdl(TABLE) });
  const baseSec = Math.floor(Date.now() / 1000) - 3_600;
  await ch.client.command({
    query: `INSERT INTO k2.${TABLE} SELECT number + 1, ['BTCUSDT','ETHUSDT','SOLUSDT'][number % 3 + 1], 60000 + (number % 1000) / 10, (number % 97) / 1000, if(number % 2 = 0, 'buy', 'sell'),
      toDateTime(${baseSec} + intDiv(number, 1000)), (${baseSec} + intDiv(number, 1000)) * 1000 + number % 1000, toDateTime(${baseSec} + intDiv(number, 1000)),
      (${baseSec} + intDiv(number, 1000)) * 1000 + number % 1000 + 3, 'bench',
      concat('{"e":"trade","s":"BTCUSDT","t":', toString(number + 1), ',"p":"', toString(60000 + (number % 1000) / 10), '","q":"0.012","m":false}'),
      toUInt32(number % 4), number
      FROM system.numbers LIMIT ${ROWS}`,
  });
  const worker = startCli(['offload', '--http', '127.0.0.1:0', '--clickhouse', ch.url, '--postgres', `127.0.0.1:${pgi.port}`, '--s3-endpoint', s3Url,
    '--tables', TABLE, '--interval-seconds', '0', '--lag-seconds', '1', '--timeout-seconds', '120'], env);
  try {
    const url = (await worker.waitFor(/http (http:\/\/\S+)/))[1]!;
    const phases: Array<[string, number]> = [];
    const cpuBefore = await cpuSeconds(worker.child.pid!);
    const started = performance.now();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const s = await fetch(`${url}/status`).then((r) => r.json() as Promise<{ phase: string }>).catch(() => ({ phase: 'unreachable' }));
        if (phases.at(-1)?.[0] !== s.phase) phases.push([s.phase, performance.now() - started]);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const res = await fetch(`${url}/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ wait: true }) });
    const elapsedMs = performance.now() - started;
    const workerCpu = (await cpuSeconds(worker.child.pid!)) - cpuBefore;
    polling = false;
    await poller;
    const { runs } = await res.json() as { runs: Array<{ state: string; rows: number; files: number; error?: string }> };
    const run = runs[0]!;
    if (run.state !== 'COMPLETED') throw new Error(`offload run ${run.state}: ${run.error}`);
    const rate = run.rows / (elapsedMs / 1000);
    console.log(`offload bench: ${run.rows.toLocaleString('en')} rows (bronze shape, 13 columns) in ${run.files} Parquet files`);
    console.log(`  ClickHouse -> committed Iceberg: ${(elapsedMs / 1000).toFixed(2)} s = ${Math.round(rate).toLocaleString('en')} rows/s (target >= ${TARGET_ROWS_PER_SEC.toLocaleString('en')} rows/s: ${rate >= TARGET_ROWS_PER_SEC ? 'met' : 'NOT met'})`);
    console.log(`  worker CPU: ${workerCpu.toFixed(2)} s = ${Math.round(run.rows / workerCpu).toLocaleString('en')} rows per CPU-second; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
    console.log(`  phases (start offset): ${phases.map(([p, t]) => `${p}@${(t / 1000).toFixed(2)}s`).join(' ')}`);
  } catch (error) {
    console.error(`offload worker output:\n${worker.output().slice(-3_000)}`);
    throw error;
  } finally {
    await worker.kill('SIGKILL');
  }
} finally {
  await store.kill('SIGKILL');
  await Promise.all([pgi.stop(), ch.stop()]);
  await rm(dir, { recursive: true, force: true });
}
