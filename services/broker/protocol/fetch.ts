import type { Reader } from './reader';
import type { Writer } from './writer';

export interface FetchPartitionRequest {
  partition: number;
  fetchOffset: number;
  partitionMaxBytes: number;
}

export interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  topics: { topic: string; partitions: FetchPartitionRequest[] }[];
}

export interface FetchPartitionResult {
  partition: number;
  errorCode: number;
  highWatermark: number;
  logStartOffset: number;
  records: Buffer | null;
}

export type FetchResponse = { topic: string; partitions: FetchPartitionResult[] }[];

/** Fetch v4-v11. Fetch sessions are not kept: session id 0 answers every fetch in full. */
export function decodeFetchRequest(r: Reader, version: number): FetchRequest {
  r.int32();
  const maxWaitMs = r.int32();
  const minBytes = r.int32();
  const maxBytes = r.int32();
  r.int8();
  if (version >= 7) { r.int32(); r.int32(); }
  const topics = r.array((t) => ({
    topic: t.string(),
    partitions: t.array((p) => {
      const partition = p.int32();
      if (version >= 9) p.int32();
      const fetchOffset = p.int64();
      if (version >= 5) p.int64();
      return { partition, fetchOffset, partitionMaxBytes: p.int32() };
    }),
  }));
  if (version >= 7) r.array((f) => ({ topic: f.string(), partitions: f.array((p) => p.int32()) }));
  if (version >= 11) r.string();
  return { maxWaitMs, minBytes, maxBytes, topics };
}

export function encodeFetchResponse(w: Writer, version: number, res: FetchResponse): void {
  w.int32(0);
  if (version >= 7) w.int16(0).int32(0);
  w.array(res, (w, t) => {
    w.string(t.topic);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition).int16(p.errorCode).int64(p.highWatermark);
      w.int64(p.highWatermark);
      if (version >= 5) w.int64(p.logStartOffset);
      w.int32(-1);
      if (version >= 11) w.int32(-1);
      w.bytes(p.records);
    });
  });
}
