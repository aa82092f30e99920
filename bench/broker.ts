/**
 * `npm run bench:broker`: kafkajs against the broker CLI (a separate process, so its CPU time can
 * be read from /proc). Prints produce throughput at acks=1 and acks=-1 (fsync per batch),
 * consume throughput, end-to-end latency and broker CPU per 1,000 records.
 */
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const BATCH = 1_000;
const IN_FLIGHT = 4;
/** kafkajs encodes on one thread: several producer processes keep the client from being the limit. */
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 2);
const PARTITIONS = 3;
const LATENCY_SAMPLES = 3_000;
const LATENCY_RATE_PER_S = 1_000;
const CLOCK_TICKS_PER_S = 100;
const ROOT = resolve(import.meta.dirname, '..');

function record(i: number): string {
  const base = { exchange: 'binance', symbol: 'BTCUSDT', trade_id: i, price: '50123.45', qty: '0.0125', side: 'buy', ts: Date.now(), pad: '' };
  base.pad = 'x'.repeat(Math.max(0, 200 - JSON.stringify(base).length));
  return JSON.stringify(base);
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S) * 1_000;
}

async function startBrokerProcess(dataDir: string): Promise<{ address: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bin/k2-chaos.mjs'), 'broker', '--data-dir', dataDir,
    '--listen', '127.0.0.1:0', '--default-partitions', String(PARTITIONS), '--fsync', 'batch'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  for (let i = 0; i < 300 && !/bound (\S+),/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
  const match = /bound (\S+),/.exec(out);
  if (!match) throw new Error(`broker did not start: ${out}`);
  return {
    address: match[1]!, pid: child.pid!,
    stop: () => new Promise((done) => { child.once('exit', () => done()); child.kill('SIGTERM'); }),
  };
}

/** Child-process side: produce `count` records to `topic` and report the seconds taken. */
async function producerWorker(address: string, topic: string, acks: number, count: number): Promise<void> {
  const producer = new Kafka({ clientId: 'bench-worker', brokers: [address], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const values = Array.from({ length: count }, (_, i) => record(i));
  process.send!({ ready: true });
  await new Promise<void>((go) => process.once('message', () => go()));
  const seconds = await produce(producer, topic, acks, values);
  await producer.disconnect();
  process.send!({ seconds });
}

/** Runs PRODUCERS processes that start together; the wall time is from the start to the last one done. */
async function produceParallel(address: string, topic: string, acks: number): Promise<number> {
  const share = Math.ceil(RECORDS / PRODUCERS);
  const children = Array.from({ length: PRODUCERS }, () => fork(import.meta.filename, ['--producer', address, topic, String(acks), String(share)], {
    execArgv: ['--import', 'tsx'],
  }));
  await Promise.all(children.map((c) => new Promise<void>((r) => c.once('message', () => r()))));
  const started = performance.now();
  const finished = children.map((c) => new Promise<void>((r) => c.once('message', () => r())));
  for (const c of children) c.send('go');
  await Promise.all(finished);
  const seconds = (performance.now() - started) / 1_000;
  await Promise.all(children.map((c) => new Promise<void>((r) => (c.exitCode !== null ? r() : c.once('exit', () => r())))));
  return seconds;
}

async function produce(producer: Producer, topic: string, acks: number, values: string[]): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const from = next;
      next += BATCH;
      await producer.send({ topic, acks, messages: values.slice(from, from + BATCH).map((value) => ({ value })) });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return (performance.now() - started) / 1_000;
}

function line(label: string, records: number, bytes: number, seconds: number, brokerCpuMs: number): void {
  const rate = Math.round(records / seconds);
  const mb = (bytes / seconds / 1_048_576).toFixed(1);
  const cpu = (brokerCpuMs / (records / 1_000)).toFixed(2);
  console.log(`${label.padEnd(22)} ${String(rate).padStart(8)} rec/s ${mb.padStart(7)} MB/s   broker CPU ${cpu} ms / 1000 rec`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'k2-bench-broker-'));
  const broker = await startBrokerProcess(dataDir);
  const kafka = new Kafka({ clientId: 'bench', brokers: [broker.address], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  try {
    await producer.connect();
    const values = Array.from({ length: RECORDS }, (_, i) => record(i));
    const bytes = values.reduce((n, v) => n + v.length, 0);
    console.log(`${RECORDS} records of ~${Math.round(bytes / RECORDS)} bytes, batches of ${BATCH}, ${IN_FLIGHT} in flight, ${PARTITIONS} partitions, ${PRODUCERS} producer processes`);
    await produce(producer, 'bench-warmup', 1, values.slice(0, 20_000));
    const rssBefore = rssMb(broker.pid);

    for (const [label, acks, topic] of [['produce acks=1', 1, 'bench-acks1'], ['produce acks=-1 fsync', -1, 'bench-acksall']] as const) {
      const cpu0 = cpuMs(broker.pid);
      const seconds = await produceParallel(broker.address, topic, acks);
      line(label, RECORDS, bytes, seconds, cpuMs(broker.pid) - cpu0);
    }

    console.log(`broker RSS             ${rssBefore} MB after warm-up, ${rssMb(broker.pid)} MB after ${((2 * bytes) / 1_048_576).toFixed(0)} MB more log`);

    const consumer = kafka.consumer({ groupId: 'bench-consume', maxBytes: 16 * 1_048_576, maxBytesPerPartition: 4 * 1_048_576 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'bench-acks1', fromBeginning: true });
    let consumed = 0;
    let consumedBytes = 0;
    let startedAt = 0;
    let cpu0 = 0;
    const done = new Promise<void>((resolveDone) => {
      void consumer.run({
        autoCommit: true,
        eachBatch: async ({ batch }) => {
          if (startedAt === 0) { startedAt = performance.now(); cpu0 = cpuMs(broker.pid); }
          consumed += batch.messages.length;
          for (const m of batch.messages) consumedBytes += m.value?.length ?? 0;
          if (consumed >= RECORDS) resolveDone();
        },
      });
    });
    await done;
    line('consume', consumed, consumedBytes, (performance.now() - startedAt) / 1_000, cpuMs(broker.pid) - cpu0);
    await consumer.disconnect();

    const latencies: number[] = [];
    const e2e = kafka.consumer({ groupId: 'bench-e2e', maxWaitTimeInMs: 500 });
    await e2e.connect();
    await e2e.subscribe({ topic: 'bench-e2e', fromBeginning: false });
    const ready = new Promise<void>((r) => e2e.on(e2e.events.GROUP_JOIN, () => r()));
    await producer.send({ topic: 'bench-e2e', messages: [{ value: '0' }] });
    void e2e.run({ eachMessage: async ({ message }) => { latencies.push(Date.now() - Number(message.value)); } });
    await ready;
    for (let i = 0; i < LATENCY_SAMPLES; i += 10) {
      await producer.send({ topic: 'bench-e2e', acks: 1, messages: Array.from({ length: 10 }, () => ({ value: String(Date.now()) })) });
      await new Promise((r) => setTimeout(r, (10 / LATENCY_RATE_PER_S) * 1_000));
    }
    for (let i = 0; i < 100 && latencies.length < LATENCY_SAMPLES; i++) await new Promise((r) => setTimeout(r, 100));
    await e2e.disconnect();
    const sorted = latencies.filter((l) => l < 60_000).sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
    console.log(`end-to-end latency     p50 ${pct(50)} ms   p99 ${pct(99)} ms   (${sorted.length} records at ~${LATENCY_RATE_PER_S}/s, acks=1)`);
  } finally {
    await producer.disconnect();
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--producer') {
  const [address, topic, acks, count] = process.argv.slice(3) as [string, string, string, string];
  await producerWorker(address, topic, Number(acks), Number(count));
} else {
  await main();
}
