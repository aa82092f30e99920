import type { Reader } from './reader';
import type { Writer } from './writer';

export interface MetadataRequest {
  /** null asks for every topic. */
  topics: string[] | null;
  allowAutoTopicCreation: boolean;
}

export interface MetadataResponse {
  broker: { nodeId: number; host: string; port: number };
  clusterId: string;
  topics: { errorCode: number; name: string; partitions: number }[];
}

/** Metadata v1-v8. */
export function decodeMetadataRequest(r: Reader, version: number): MetadataRequest {
  const topics = r.nullableArray((t) => t.string());
  const allowAutoTopicCreation = version >= 4 ? r.boolean() : true;
  if (version >= 8) { r.boolean(); r.boolean(); }
  return { topics, allowAutoTopicCreation };
}

export function encodeMetadataResponse(w: Writer, version: number, res: MetadataResponse): void {
  const nodeId = res.broker.nodeId;
  if (version >= 3) w.int32(0);
  w.array([res.broker], (w, b) => w.int32(b.nodeId).string(b.host).int32(b.port).string(null));
  if (version >= 2) w.string(res.clusterId);
  w.int32(nodeId);
  w.array(res.topics, (w, t) => {
    w.int16(t.errorCode).string(t.name).boolean(false);
    const partitions = Array.from({ length: t.partitions }, (_, i) => i);
    w.array(partitions, (w, p) => {
      w.int16(0).int32(p).int32(nodeId);
      if (version >= 7) w.int32(0);
      w.array([nodeId], (w, n) => w.int32(n));
      w.array([nodeId], (w, n) => w.int32(n));
      if (version >= 5) w.array([], () => undefined);
    });
    if (version >= 8) w.int32(-2147483648);
  });
  if (version >= 8) w.int32(-2147483648);
}
