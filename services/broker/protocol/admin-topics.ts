import type { Reader } from './reader';
import type { Writer } from './writer';

export interface CreateTopicsRequest {
  topics: { name: string; numPartitions: number; replicationFactor: number; assignments: number }[];
  validateOnly: boolean;
}

export type TopicResult = { name: string; errorCode: number; errorMessage: string | null }[];

/** CreateTopics v0-v4. */
export function decodeCreateTopicsRequest(r: Reader, version: number): CreateTopicsRequest {
  const topics = r.array((t) => {
    const name = t.string();
    const numPartitions = t.int32();
    const replicationFactor = t.int16();
    const assignments = t.array((a) => ({ index: a.int32(), brokers: a.array((b) => b.int32()) })).length;
    t.array((c) => ({ name: c.string(), value: c.nullableString() }));
    return { name, numPartitions, replicationFactor, assignments };
  });
  r.int32();
  const validateOnly = version >= 1 ? r.boolean() : false;
  return { topics, validateOnly };
}

export function encodeCreateTopicsResponse(w: Writer, version: number, res: TopicResult): void {
  if (version >= 2) w.int32(0);
  w.array(res, (w, t) => {
    w.string(t.name).int16(t.errorCode);
    if (version >= 1) w.string(t.errorMessage);
  });
}

/** DeleteTopics v0-v3. */
export function decodeDeleteTopicsRequest(r: Reader): string[] {
  const names = r.array((t) => t.string());
  r.int32();
  return names;
}

export function encodeDeleteTopicsResponse(w: Writer, version: number, res: TopicResult): void {
  if (version >= 1) w.int32(0);
  w.array(res, (w, t) => w.string(t.name).int16(t.errorCode));
}
