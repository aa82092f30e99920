/**
 * `npm run bench:feed`: three exchange simulators and three feed handlers (separate processes, as
 * in the stack) into one broker. Prints the emitted and produced trade rates, the ingest lag
 * (now minus the exchange time of the newest produced trade) and each process's RSS.
 * Env: BENCH_EXCHANGES (default all three, comma-separated), BENCH_RATE trades/s per symbol (default 700), BENCH_SYMBOLS per exchange (5), BENCH_SECONDS (20), BENCH_WARMUP_S (10).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXCHANGES, isExchange } from '../../../src/stack/names';
import { parsePrometheusText } from '../../shared/prometheus';

const BIN = fileURLToPath(new URL('../../../bin/k2-chaos.mjs', import.meta.url));
const RATE = Number(process.env.BENCH_RATE ?? 700);
const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ONLY = (process.env.BENCH_EXCHANGES ?? EXCHANGES.join(',')).split(',').filter(isExchange);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_S ?? 10) * 1_000;
const SAMPLE_MS = 250;

const children: ChildProcess[] = [];

function start(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve({ child, match });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${output}`)));
  });
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1_024;
const metrics = async (url: string) => parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
const sum = (m: Map<string, number>, name: string) => [...m].filter(([k]) => k === name || k.startsWith(`${name}{`)).reduce((a, [, v]) => a + v, 0);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? Number.NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'k2-bench-feed-'));
  try {
    const broker = await start(['broker', '--data-dir', join(dir, 'broker'), '--listen', '127.0.0.1:0'], /bound (\S+),/);
    const bootstrap = broker.match[1]!;
    const pipelines = await Promise.all(ONLY.map(async (exchange) => {
      const sim = await start(['exchange-sim', '--exchange', exchange, '--listen', '127.0.0.1:0', '--symbols', String(SYMBOLS), '--rate', String(RATE)], /"wsUrl":"([^"]+)","restUrl":"([^"]+)","controlUrl":"([^"]+)","symbols":(\[[^\]]*\])/);
      const [, wsUrl, restUrl, , symbols] = sim.match;
      const handler = await start(['feed-handler', '--exchange', exchange, '--ws', wsUrl!, '--rest', restUrl!, '--brokers', bootstrap,
        '--symbols', (JSON.parse(symbols!) as string[]).join(','), '--data-dir', join(dir, exchange)], /"httpUrl":"([^"]+)"/);
      return { exchange, sim, handler, httpUrl: handler.match[1]! };
    }));
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const first = await Promise.all(pipelines.map(async (p) => sum(await metrics(p.httpUrl), 'feed_handler_produced_total')));
    const lags: number[] = [];
    const startMs = Date.now();
    while (Date.now() - startMs < SECONDS * 1_000) {
      for (const p of pipelines) {
        const newest = sum(await metrics(p.httpUrl), 'feed_handler_last_trade_timestamp_ms');
        if (newest > 0) lags.push(Date.now() - newest);
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
    const last = await Promise.all(pipelines.map(async (p) => metrics(p.httpUrl)));
    // Measured after the last scrape: a slow scrape must not inflate the rate.
    const elapsedS = (Date.now() - startMs) / 1_000;
    const produced = last.map((m, i) => (sum(m, 'feed_handler_produced_total') - first[i]!) / elapsedS);
    console.log(`feed throughput: ${ONLY.length} exchanges x ${SYMBOLS} symbols x ${RATE} trades/s = ${ONLY.length * SYMBOLS * RATE} trades/s emitted, ${SECONDS} s measured after ${WARMUP_MS / 1_000} s warm-up`);
    pipelines.forEach((p, i) => {
      const m = last[i]!;
      console.log(`  ${p.exchange.padEnd(8)} produced ${produced[i]!.toFixed(0).padStart(6)} trades/s  buffered ${sum(m, 'feed_handler_buffered')}  gap-filled ${sum(m, 'feed_handler_gap_filled_total')}  dup ${sum(m, 'feed_handler_duplicates_skipped_total')}  produce-errors ${sum(m, 'feed_handler_produce_errors_total')}  dropped ${sum(m, 'feed_handler_dropped_total')}  reconnects ${sum(m, 'feed_handler_reconnects_total')}  RSS sim ${rssMiB(p.sim.child.pid!).toFixed(0)} MiB, handler ${rssMiB(p.handler.child.pid!).toFixed(0)} MiB`);
    });
    console.log(`  total    produced ${produced.reduce((a, b) => a + b, 0).toFixed(0)} trades/s; ingest lag p50 ${percentile(lags, 0.5)} ms, p99 ${percentile(lags, 0.99)} ms, max ${Math.max(...lags)} ms (${lags.length} samples)`);
    console.log(`  broker RSS ${rssMiB(broker.child.pid!).toFixed(0)} MiB`);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
