import type { Reader } from './reader';
import type { Writer } from './writer';

export interface ProduceRequest {
  acks: number;
  timeoutMs: number;
  topics: { name: string; partitions: { index: number; records: Buffer | null }[] }[];
}

export interface ProducePartitionResult {
  index: number;
  errorCode: number;
  baseOffset: number;
  logStartOffset: number;
}

export interface ProduceResponse {
  topics: { name: string; partitions: ProducePartitionResult[] }[];
}

/** Produce v3-v7 (record batches, magic 2). */
export function decodeProduceRequest(r: Reader): ProduceRequest {
  r.nullableString();
  const acks = r.int16();
  const timeoutMs = r.int32();
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => ({ index: p.int32(), records: p.nullableBytes() })),
  }));
  return { acks, timeoutMs, topics };
}

export function encodeProduceResponse(w: Writer, version: number, res: ProduceResponse): void {
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.index).int16(p.errorCode).int64(p.baseOffset);
      if (version >= 2) w.int64(-1);
      if (version >= 5) w.int64(p.logStartOffset);
    });
  });
  w.int32(0);
}
