import { crc32c } from '../../services/broker/protocol/crc32c';

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = (n << 1) ^ (n >> 31);
  while ((v & ~0x7f) !== 0) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return Buffer.from(out);
}

/** A magic-2 record batch of uncompressed values, built by hand so tests can damage it. */
export function buildRecordBatch(values: string[], timestampMs = Date.now()): Buffer {
  const records = values.map((value, i) => {
    const v = Buffer.from(value);
    const body = Buffer.concat([Buffer.from([0]), varint(0), varint(i), varint(-1), varint(v.length), v, varint(0)]);
    return Buffer.concat([varint(body.length), body]);
  });
  const head = Buffer.alloc(61);
  head.writeBigInt64BE(0n, 0);
  head.writeInt32BE(0, 12);
  head.writeInt8(2, 16);
  head.writeInt16BE(0, 21);
  head.writeInt32BE(values.length - 1, 23);
  head.writeBigInt64BE(BigInt(timestampMs), 27);
  head.writeBigInt64BE(BigInt(timestampMs), 35);
  head.writeBigInt64BE(-1n, 43);
  head.writeInt16BE(-1, 51);
  head.writeInt32BE(-1, 53);
  head.writeInt32BE(values.length, 57);
  const batch = Buffer.concat([head, ...records]);
  batch.writeInt32BE(batch.length - 12, 8);
  batch.writeUInt32BE(crc32c(batch, 21), 17);
  return batch;
}

/** A Produce v3 request body for one partition. */
export function produceBody(topic: string, partition: number, records: Buffer, acks = -1): Buffer {
  const t = Buffer.from(topic);
  const parts = [
    int16(-1), int16(acks), int32(5_000), int32(1), int16(t.length), t, int32(1), int32(partition), int32(records.length), records,
  ];
  return Buffer.concat(parts);
}

export function int16(n: number): Buffer { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; }
export function int32(n: number): Buffer { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; }

/** Reads the error code and base offset of the single partition in a Produce v3 response. */
export function produceResult(body: Buffer): { errorCode: number; baseOffset: number } {
  const nameLength = body.readInt16BE(4);
  const at = 4 + 2 + nameLength + 4 + 4;
  return { errorCode: body.readInt16BE(at), baseOffset: Number(body.readBigInt64BE(at + 2)) };
}
