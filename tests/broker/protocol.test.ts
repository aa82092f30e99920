import { expect, test } from '@playwright/test';
import { Reader } from '../../services/broker/protocol/reader';
import { inProcessBroker } from './broker-harness';
import { RawKafka } from './raw-kafka';
import { buildRecordBatch, int16, int32, produceBody, produceResult } from './record-batch-builder';

const API_VERSIONS = 18;
const PRODUCE = 0;
const FETCH = 1;
const LIST_OFFSETS = 2;

function apiVersionsOf(body: Buffer): { errorCode: number; keys: Map<number, [number, number]> } {
  const r = new Reader(body);
  const errorCode = r.int16();
  const keys = new Map(r.array((e) => [e.int16(), [e.int16(), e.int16()] as [number, number]] as const));
  return { errorCode, keys };
}

test.describe('broker wire protocol', () => {
  test('ApiVersions lists the APIs, and a too-new version gets UNSUPPORTED_VERSION with the v0-shaped list', async () => {
    const broker = await inProcessBroker();
    const raw = await RawKafka.open(broker.bootstrap[0]!);
    try {
      const v0 = apiVersionsOf((await raw.request(API_VERSIONS, 0, Buffer.alloc(0)))!);
      expect(v0.errorCode).toBe(0);
      expect(v0.keys.get(PRODUCE)).toEqual([3, 7]);
      expect(v0.keys.get(FETCH)).toEqual([4, 11]);
      const tooNew = apiVersionsOf((await raw.request(API_VERSIONS, 42, Buffer.from([0, 0, 0])))!);
      expect(tooNew.errorCode).toBe(35);
      expect(tooNew.keys.get(API_VERSIONS)).toEqual([0, 3]);
      expect(raw.closed).toBe(false);
    } finally {
      raw.close();
      await broker.dispose();
    }
  });

  test('checks CRCs on produce, assigns offsets, and answers unknown partitions with error 3', async () => {
    const broker = await inProcessBroker({ defaultPartitions: 1 });
    const raw = await RawKafka.open(broker.bootstrap[0]!);
    try {
      const first = produceResult((await raw.request(PRODUCE, 3, produceBody('crc', 0, buildRecordBatch(['a', 'b', 'c']))))!);
      expect(first).toEqual({ errorCode: 0, baseOffset: 0 });
      const damaged = buildRecordBatch(['d']);
      damaged[damaged.length - 2]! ^= 0xff;
      expect(produceResult((await raw.request(PRODUCE, 3, produceBody('crc', 0, damaged)))!).errorCode).toBe(2);
      const wrongMagic = buildRecordBatch(['e']);
      wrongMagic.writeInt8(1, 16);
      expect(produceResult((await raw.request(PRODUCE, 3, produceBody('crc', 0, wrongMagic)))!).errorCode).toBe(2);
      expect(produceResult((await raw.request(PRODUCE, 3, produceBody('crc', 7, buildRecordBatch(['f']))))!).errorCode).toBe(3);
      const second = produceResult((await raw.request(PRODUCE, 3, produceBody('crc', 0, buildRecordBatch(['g', 'h']))))!);
      expect(second).toEqual({ errorCode: 0, baseOffset: 3 });
      expect(broker.core.topics.partition('crc', 0)!.nextOffset).toBe(5);
      const badAcks = produceResult((await raw.request(PRODUCE, 3, produceBody('crc', 0, buildRecordBatch(['i']), 2)))!);
      expect(badAcks.errorCode).toBe(21);
    } finally {
      raw.close();
      await broker.dispose();
    }
  });

  test('closes only the offending connection on unknown APIs, bad versions and oversized frames', async () => {
    const broker = await inProcessBroker({ maxRequestBytes: 1024 * 1024 });
    const healthy = await RawKafka.open(broker.bootstrap[0]!);
    try {
      for (const send of [
        (c: RawKafka) => c.request(99, 0, Buffer.alloc(0)),
        (c: RawKafka) => c.request(PRODUCE, 2, Buffer.alloc(0)),
        (c: RawKafka) => c.request(PRODUCE, 3, Buffer.from([0, 1, 2])),
        (c: RawKafka) => { c.sendRaw(int32(512 * 1024 * 1024)); return c.next(); },
        (c: RawKafka) => { c.sendRaw(int32(-5)); return c.next(); },
      ]) {
        const bad = await RawKafka.open(broker.bootstrap[0]!);
        expect(await send(bad)).toBeNull();
        expect(bad.closed).toBe(true);
      }
      expect(apiVersionsOf((await healthy.request(API_VERSIONS, 1, Buffer.alloc(0)))!).errorCode).toBe(0);
    } finally {
      healthy.close();
      await broker.dispose();
    }
  });

  test('a fetch at the log end waits for new data instead of answering empty at once', async () => {
    const broker = await inProcessBroker({ defaultPartitions: 1 });
    const consumer = await RawKafka.open(broker.bootstrap[0]!);
    const producer = await RawKafka.open(broker.bootstrap[0]!);
    try {
      await producer.request(PRODUCE, 3, produceBody('poll', 0, buildRecordBatch(['first'])));
      const topic = Buffer.from('poll');
      const fetchBody = Buffer.concat([
        int32(-1), int32(30_000), int32(1), int32(1 << 20), Buffer.from([0]),
        int32(1), int16(topic.length), topic, int32(1), int32(0), Buffer.alloc(8, 0), int32(1 << 20),
      ]);
      fetchBody.writeBigInt64BE(1n, fetchBody.length - 12);
      const pending = consumer.request(FETCH, 4, fetchBody);
      let answered = false;
      void pending.then(() => { answered = true; });
      await new Promise((r) => setTimeout(r, 300));
      expect(answered).toBe(false);
      await producer.request(PRODUCE, 3, produceBody('poll', 0, buildRecordBatch(['second'])));
      const body = (await pending)!;
      expect(body.includes(Buffer.from('second'))).toBe(true);
      expect(body.includes(Buffer.from('first'))).toBe(false);
    } finally {
      consumer.close();
      producer.close();
      await broker.dispose();
    }
  });

  test('ListOffsets finds earliest, latest and the first offset at a timestamp', async () => {
    const broker = await inProcessBroker({ defaultPartitions: 1 });
    const raw = await RawKafka.open(broker.bootstrap[0]!);
    try {
      for (const ts of [1_000, 2_000, 3_000]) await raw.request(PRODUCE, 3, produceBody('ts', 0, buildRecordBatch(['x', 'y'], ts)));
      const topic = Buffer.from('ts');
      const query = async (timestamp: number) => {
        const body = Buffer.concat([int32(-1), int32(1), int16(topic.length), topic, int32(1), int32(0), Buffer.alloc(8)]);
        body.writeBigInt64BE(BigInt(timestamp), body.length - 8);
        const res = (await raw.request(LIST_OFFSETS, 1, body))!;
        return Number(res.readBigInt64BE(res.length - 8));
      };
      expect(await query(-2)).toBe(0);
      expect(await query(-1)).toBe(6);
      expect(await query(1_500)).toBe(2);
      expect(await query(3_000)).toBe(4);
      expect(await query(9_000)).toBe(6);
    } finally {
      raw.close();
      await broker.dispose();
    }
  });
});
