import { isValidTopicName } from '../log/topic-store';
import { decodeCreateTopicsRequest, decodeDeleteTopicsRequest, encodeCreateTopicsResponse, encodeDeleteTopicsResponse } from '../protocol/admin-topics';
import { ERR } from '../protocol/error-codes';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, decodeListOffsetsRequest, encodeListOffsetsResponse } from '../protocol/list-offsets';
import { decodeMetadataRequest, encodeMetadataResponse } from '../protocol/metadata';
import type { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import type { RequestContext } from './request-context';

/** Metadata: this broker (as advertised on the caller's listener) leads every partition. */
export function handleMetadata(ctx: RequestContext, r: Reader, version: number): Buffer {
  const req = decodeMetadataRequest(r, version);
  const names = req.topics ?? ctx.core.topics.names();
  const topics = names.map((name) => {
    const logs = ctx.core.topicFor(name, req.allowAutoTopicCreation && req.topics !== null);
    return typeof logs === 'number' ? { errorCode: logs, name, partitions: 0 } : { errorCode: ERR.NONE, name, partitions: logs.length };
  });
  const w = new Writer();
  encodeMetadataResponse(w, version, {
    broker: { nodeId: ctx.core.options.nodeId, ...ctx.advertised }, clusterId: ctx.core.options.clusterId, topics,
  });
  return w.finish();
}

/** ListOffsets: earliest (-2), latest (-1), or the first offset at or after a timestamp. */
export function handleListOffsets(ctx: RequestContext, r: Reader, version: number): Buffer {
  const req = decodeListOffsetsRequest(r, version);
  const res = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => {
      const log = ctx.core.topics.partition(t.name, p.index);
      if (!log) return { index: p.index, errorCode: ERR.UNKNOWN_TOPIC_OR_PARTITION, timestamp: -1, offset: -1 };
      const offset = p.timestamp === LATEST_TIMESTAMP ? log.highWatermark
        : p.timestamp === EARLIEST_TIMESTAMP ? log.logStartOffset
          : log.offsetForTimestamp(p.timestamp);
      return { index: p.index, errorCode: ERR.NONE, timestamp: -1, offset };
    }),
  }));
  const w = new Writer();
  encodeListOffsetsResponse(w, version, res);
  return w.finish();
}

const MAX_PARTITIONS = 1_000;

export function handleCreateTopics(ctx: RequestContext, r: Reader, version: number): Buffer {
  const req = decodeCreateTopicsRequest(r, version);
  const res = req.topics.map((t) => {
    const answer = (errorCode: number, errorMessage: string | null = null) => ({ name: t.name, errorCode, errorMessage });
    const partitions = t.numPartitions === -1 ? ctx.core.options.defaultPartitions : t.numPartitions;
    if (!isValidTopicName(t.name)) return answer(ERR.INVALID_TOPIC_EXCEPTION, `invalid topic name "${t.name}"`);
    if (ctx.core.topics.has(t.name)) return answer(ERR.TOPIC_ALREADY_EXISTS, `topic "${t.name}" already exists`);
    if (t.assignments > 0) return answer(ERR.INVALID_REQUEST, 'manual replica assignment is not supported');
    if (partitions < 1 || partitions > MAX_PARTITIONS) return answer(ERR.INVALID_PARTITIONS, `partitions must be 1-${MAX_PARTITIONS}`);
    if (t.replicationFactor !== -1 && t.replicationFactor !== 1) return answer(ERR.INVALID_REPLICATION_FACTOR, 'this broker has one replica');
    if (!req.validateOnly) ctx.core.createTopic(t.name, partitions);
    return answer(ERR.NONE);
  });
  const w = new Writer();
  encodeCreateTopicsResponse(w, version, res);
  return w.finish();
}

export async function handleDeleteTopics(ctx: RequestContext, r: Reader, version: number): Promise<Buffer> {
  const names = decodeDeleteTopicsRequest(r);
  const res = [];
  for (const name of names) {
    const deleted = await ctx.core.deleteTopic(name);
    res.push({ name, errorCode: deleted ? ERR.NONE : ERR.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: null });
  }
  const w = new Writer();
  encodeDeleteTopicsResponse(w, version, res);
  return w.finish();
}
