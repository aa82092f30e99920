import type { Reader } from './reader';
import type { Writer } from './writer';

/** Special timestamps of a ListOffsets query. */
export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;

export interface ListOffsetsRequest {
  topics: { name: string; partitions: { index: number; timestamp: number }[] }[];
}

export type ListOffsetsResponse = {
  name: string;
  partitions: { index: number; errorCode: number; timestamp: number; offset: number }[];
}[];

/** ListOffsets v1-v5. */
export function decodeListOffsetsRequest(r: Reader, version: number): ListOffsetsRequest {
  r.int32();
  if (version >= 2) r.int8();
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => {
      const index = p.int32();
      if (version >= 4) p.int32();
      return { index, timestamp: p.int64() };
    }),
  }));
  return { topics };
}

export function encodeListOffsetsResponse(w: Writer, version: number, res: ListOffsetsResponse): void {
  if (version >= 2) w.int32(0);
  w.array(res, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.index).int16(p.errorCode).int64(p.timestamp).int64(p.offset);
      if (version >= 4) w.int32(0);
    });
  });
}
