import { ERR } from '../protocol/error-codes';
import { decodeFetchRequest, encodeFetchResponse, type FetchRequest, type FetchResponse } from '../protocol/fetch';
import type { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import type { RequestContext } from './request-context';

/** Fetch with long polling: answer once `minBytes` are available or `maxWaitMs` has passed. */
export async function handleFetch(ctx: RequestContext, r: Reader, version: number): Promise<Buffer> {
  const req = decodeFetchRequest(r, version);
  const deadline = Date.now() + req.maxWaitMs;
  const keys = req.topics.flatMap((t) => t.partitions.map((p) => `${t.topic}\u0000${p.partition}`));
  let result = readAll(ctx, req);
  while (result.bytes < Math.max(1, req.minBytes) && !result.error && Date.now() < deadline && !ctx.core.closing) {
    await ctx.core.waiters.wait(keys, deadline - Date.now());
    result = readAll(ctx, req);
  }
  ctx.core.metrics.fetchedBytes(result.bytes);
  const w = new Writer(256 + result.bytes);
  encodeFetchResponse(w, version, result.response);
  return w.finish();
}

function readAll(ctx: RequestContext, req: FetchRequest): { response: FetchResponse; bytes: number; error: boolean } {
  let bytes = 0;
  let error = false;
  const response = req.topics.map((t) => {
    const logs = ctx.core.topics.partitions(t.topic);
    return {
      topic: t.topic,
      partitions: t.partitions.map((p) => {
        const base = { partition: p.partition, errorCode: ERR.NONE, highWatermark: -1, logStartOffset: -1, records: null };
        const log = logs?.[p.partition];
        if (!log) {
          error = true;
          return { ...base, errorCode: ERR.UNKNOWN_TOPIC_OR_PARTITION };
        }
        const budget = bytes >= req.maxBytes ? 0 : Math.min(p.partitionMaxBytes, req.maxBytes - bytes);
        const read = log.read(p.fetchOffset, budget);
        if (!read.ok) {
          error = true;
          return { ...base, errorCode: ERR.OFFSET_OUT_OF_RANGE, highWatermark: read.highWatermark, logStartOffset: read.logStartOffset };
        }
        const records = budget > 0 ? read.records : Buffer.alloc(0);
        bytes += records.length;
        return { ...base, highWatermark: read.highWatermark, logStartOffset: read.logStartOffset, records };
      }),
    };
  });
  return { response, bytes, error };
}
