import type { Reader } from './reader';
import type { Writer } from './writer';

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  topics: { name: string; partitions: { index: number; offset: number; metadata: string | null }[] }[];
}

export type PartitionErrors = { name: string; partitions: { index: number; errorCode: number }[] }[];

/** OffsetCommit v2-v7. */
export function decodeOffsetCommitRequest(r: Reader, version: number): OffsetCommitRequest {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  if (version >= 7) r.nullableString();
  if (version <= 4) r.int64();
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => {
      const index = p.int32();
      const offset = p.int64();
      if (version >= 6) p.int32();
      return { index, offset, metadata: p.nullableString() };
    }),
  }));
  return { groupId, generationId, memberId, topics };
}

export function encodeOffsetCommitResponse(w: Writer, version: number, res: PartitionErrors): void {
  if (version >= 3) w.int32(0);
  w.array(res, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => w.int32(p.index).int16(p.errorCode));
  });
}

export interface OffsetFetchRequest {
  groupId: string;
  /** null asks for every partition the group has committed. */
  topics: { name: string; partitions: number[] }[] | null;
}

export type OffsetFetchResponse = {
  errorCode: number;
  topics: { name: string; partitions: { index: number; offset: number; metadata: string | null; errorCode: number }[] }[];
};

/** OffsetFetch v1-v5. */
export function decodeOffsetFetchRequest(r: Reader): OffsetFetchRequest {
  const groupId = r.string();
  const topics = r.nullableArray((t) => ({ name: t.string(), partitions: t.array((p) => p.int32()) }));
  return { groupId, topics };
}

export function encodeOffsetFetchResponse(w: Writer, version: number, res: OffsetFetchResponse): void {
  if (version >= 3) w.int32(0);
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.index).int64(p.offset);
      if (version >= 5) w.int32(-1);
      w.string(p.metadata).int16(p.errorCode);
    });
  });
  if (version >= 2) w.int16(res.errorCode);
}
