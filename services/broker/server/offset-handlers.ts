import { ERR } from '../protocol/error-codes';
import { decodeOffsetCommitRequest, decodeOffsetFetchRequest, encodeOffsetCommitResponse, encodeOffsetFetchResponse } from '../protocol/offsets';
import type { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import type { RequestContext } from './request-context';

/** OffsetCommit: validated against the group generation, answered once the offsets are fsynced. */
export async function handleOffsetCommit(ctx: RequestContext, r: Reader, version: number): Promise<Buffer> {
  const req = decodeOffsetCommitRequest(r, version);
  const entries = req.topics.flatMap((t) => t.partitions
    .filter((p) => ctx.core.topics.partition(t.name, p.index))
    .map((p) => ({ topic: t.name, partition: p.index, offset: p.offset, metadata: p.metadata })));
  const errorCode = await ctx.core.groups.commit(req.groupId, req.generationId, req.memberId, entries);
  const res = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => ({
      index: p.index,
      errorCode: ctx.core.topics.partition(t.name, p.index) || errorCode !== ERR.NONE ? errorCode : ERR.UNKNOWN_TOPIC_OR_PARTITION,
    })),
  }));
  const w = new Writer();
  encodeOffsetCommitResponse(w, version, res);
  return w.finish();
}

/** OffsetFetch: -1 for partitions the group never committed. */
export function handleOffsetFetch(ctx: RequestContext, r: Reader, version: number): Buffer {
  const req = decodeOffsetFetchRequest(r);
  const { offsets } = ctx.core.groups;
  let topics;
  if (req.topics) {
    topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((index) => {
        const c = offsets.get(req.groupId, t.name, index);
        return { index, offset: c?.offset ?? -1, metadata: c?.metadata ?? '', errorCode: ERR.NONE };
      }),
    }));
  } else {
    const byTopic = new Map<string, { index: number; offset: number; metadata: string | null; errorCode: number }[]>();
    for (const c of offsets.committed(req.groupId)) {
      if (!byTopic.has(c.topic)) byTopic.set(c.topic, []);
      byTopic.get(c.topic)!.push({ index: c.partition, offset: c.value.offset, metadata: c.value.metadata ?? '', errorCode: ERR.NONE });
    }
    topics = [...byTopic].map(([name, partitions]) => ({ name, partitions }));
  }
  const w = new Writer();
  encodeOffsetFetchResponse(w, version, { errorCode: ERR.NONE, topics });
  return w.finish();
}
