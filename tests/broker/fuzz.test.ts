import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import { parsePrometheusText } from '../../services/shared/prometheus';
import { boundAddress, kafkaFor, spawnBrokerCli, stopProcess, tempDir } from './broker-harness';
import { RecordingProxy } from './recording-proxy';

const CASES = 4_000;
const PARALLEL = 16;
const DELETE_TOPICS = 20;
/** How long one case waits for an answer before moving on; no assertion depends on it. */
const CASE_WAIT_MS = 150;

/** Sends `bytes` on a fresh connection and waits briefly for an answer or a close. */
function sendCase(address: string, bytes: Buffer): Promise<void> {
  const at = address.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = connect(Number(address.slice(at + 1)), address.slice(0, at), () => socket.write(bytes));
    const done = () => { clearTimeout(timer); socket.destroy(); resolve(); };
    const timer = setTimeout(done, CASE_WAIT_MS);
    socket.on('data', () => undefined);
    socket.on('close', done);
    socket.on('error', done);
  });
}

function mutate(frame: Buffer, rand: () => number): Buffer {
  const out = Buffer.from(frame);
  switch (Math.floor(rand() * 6)) {
    case 0: // bit flips anywhere, the size prefix included
      for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n; i++) out[Math.floor(rand() * out.length)]! ^= 1 << Math.floor(rand() * 8);
      return out;
    case 1: // truncated body, size prefix kept
      return out.subarray(0, 4 + Math.floor(rand() * (out.length - 4)));
    case 2: { // body cut short with a consistent size prefix
      const cut = out.subarray(0, 4 + Math.floor(rand() * (out.length - 4)));
      cut.writeInt32BE(cut.length - 4, 0);
      return cut;
    }
    case 3: // random bytes overwritten after the header
      for (let i = 14; i < out.length; i += 1 + Math.floor(rand() * 16)) out[i] = Math.floor(rand() * 256);
      return out;
    case 4: // lengths and counts inside the body set to extremes
      for (let i = 12; i + 4 <= out.length; i += 4 + Math.floor(rand() * 32)) out.writeInt32BE([0x7fffffff, -1, -2, 0x10000][Math.floor(rand() * 4)]!, i);
      return out;
    default: // the api version changed to anything
      out.writeInt16BE(Math.floor(rand() * 40) - 4, 6);
      return out;
  }
}

test.describe('broker under random and mutated frames', () => {
  test('keeps serving, never crashes, and loses nothing acknowledged', async () => {
    test.setTimeout(300_000);
    const dataDir = tempDir('fuzz');
    const proxy = new RecordingProxy();
    await proxy.start();
    const broker = spawnBrokerCli(['--data-dir', dataDir, '--listen', '127.0.0.1:0', '--advertise', proxy.address, '--http', '127.0.0.1:0']);
    try {
      const address = await boundAddress(broker);
      proxy.target = address;
      // Real traffic through the proxy: the corpus, and the ledger that must survive.
      const kafka = kafkaFor([proxy.address]);
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'fuzz-ledger', numPartitions: 2 }] });
      const producer = kafka.producer();
      await producer.connect();
      const acked: string[] = [];
      for (let i = 0; i < 20; i++) {
        const values = [`ledger-${i}-a`, `ledger-${i}-b`];
        await producer.send({ topic: 'fuzz-ledger', acks: -1, messages: values.map((value) => ({ value })) });
        acked.push(...values);
      }
      const consumer = kafka.consumer({ groupId: 'fuzz-group', maxWaitTimeInMs: 100 });
      let consumed = 0;
      await consumer.connect();
      await consumer.subscribe({ topic: 'fuzz-ledger', fromBeginning: true });
      await consumer.run({ eachMessage: async () => { consumed++; } });
      await expect.poll(() => consumed, { timeout: 30_000 }).toBe(acked.length);
      await consumer.disconnect();
      await admin.fetchOffsets({ groupId: 'fuzz-group', topics: ['fuzz-ledger'] });
      await admin.describeGroups(['fuzz-group']);
      await admin.listGroups();
      await producer.disconnect();
      await admin.disconnect();
      const corpus = proxy.frames.filter((f) => f.length >= 12 && f.readInt16BE(4) !== DELETE_TOPICS);
      expect(new Set(corpus.map((f) => f.readInt16BE(4))).size).toBeGreaterThan(8);

      let seed = 0x2545f491;
      const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 0x1_0000_0000);
      const cases: Buffer[] = [];
      for (let i = 0; i < CASES; i++) {
        if (i % 5 === 0) {
          cases.push(randomBytes(1 + Math.floor(rand() * 300)));
          continue;
        }
        const frame = mutate(corpus[Math.floor(rand() * corpus.length)]!, rand);
        // Deleting a topic is a legitimate request, not bad input: keep it out of the mix.
        if (frame.length >= 6 && frame.readInt16BE(4) === DELETE_TOPICS) continue;
        cases.push(frame);
      }
      for (let i = 0; i < cases.length; i += PARALLEL) {
        await Promise.all(cases.slice(i, i + PARALLEL).map((c) => sendCase(address, c)));
        expect(broker.child.exitCode, broker.output()).toBeNull();
      }

      const httpUrl = /http: (\S+)/.exec(broker.output())![1]!;
      const metrics = parsePrometheusText(await (await fetch(`${httpUrl}/metrics`)).text());
      expect(metrics.get('k2_broker_rejected_frames_total')).toBeGreaterThan(CASES / 4);

      const after = kafkaFor([proxy.address]);
      const p2 = after.producer();
      await p2.connect();
      await p2.send({ topic: 'fuzz-ledger', acks: -1, messages: [{ value: 'after-fuzz' }] });
      await p2.disconnect();
      const audit = after.consumer({ groupId: 'fuzz-audit', maxWaitTimeInMs: 100 });
      const seen = new Set<string>();
      await audit.connect();
      await audit.subscribe({ topic: 'fuzz-ledger', fromBeginning: true });
      await audit.run({ eachMessage: async ({ message }) => { seen.add(String(message.value)); } });
      await expect.poll(() => [...acked, 'after-fuzz'].filter((v) => !seen.has(v)), { timeout: 60_000 }).toEqual([]);
      await audit.disconnect();
      expect(await stopProcess(broker, 'SIGTERM')).toBe(0);
    } finally {
      await proxy.close();
      await stopProcess(broker, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
