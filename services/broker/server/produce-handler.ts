import { InvalidRecordsError, type PartitionLog } from '../log/partition-log';
import { ERR } from '../protocol/error-codes';
import { decodeProduceRequest, encodeProduceResponse, type ProducePartitionResult } from '../protocol/produce';
import type { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import type { RequestContext } from './request-context';

/**
 * Produce: every partition's record set is validated and appended synchronously, so requests on
 * one connection land in the order sent; acks=-1 then waits for the fsync policy. acks=0 gets
 * no response at all.
 */
export async function handleProduce(ctx: RequestContext, r: Reader, version: number): Promise<Buffer | null> {
  const req = decodeProduceRequest(r);
  const { core } = ctx;
  const validAcks = req.acks === 0 || req.acks === 1 || req.acks === -1;
  const appended: PartitionLog[] = [];
  const topics = req.topics.map((t) => {
    const logs = validAcks ? core.topicFor(t.name, true) : ERR.INVALID_REQUIRED_ACKS;
    return {
      name: t.name,
      partitions: t.partitions.map((p): ProducePartitionResult => {
        const result = { index: p.index, errorCode: ERR.NONE, baseOffset: -1, logStartOffset: -1 };
        if (typeof logs === 'number') return { ...result, errorCode: logs };
        const log = logs[p.index];
        if (!log) return { ...result, errorCode: ERR.UNKNOWN_TOPIC_OR_PARTITION };
        if (!p.records || p.records.length === 0) return { ...result, errorCode: ERR.CORRUPT_MESSAGE };
        if (core.deferredAppends && req.acks === -1) {
          const records = p.records;
          core.deferredAppends.push(log, records, () => {
            core.metrics.producedBytes(records.length);
            core.waiters.notify(`${t.name}\u0000${p.index}`);
          });
          return { ...result, baseOffset: log.nextOffset, logStartOffset: log.logStartOffset };
        }
        try {
          const baseOffset = log.append(p.records);
          appended.push(log);
          core.metrics.producedRecords(log.nextOffset - baseOffset);
          core.metrics.producedBytes(p.records.length);
          core.waiters.notify(`${t.name}\u0000${p.index}`);
          return { ...result, baseOffset, logStartOffset: log.logStartOffset };
        } catch (error) {
          if (error instanceof InvalidRecordsError) return { ...result, errorCode: ERR.CORRUPT_MESSAGE };
          throw error;
        }
      }),
    };
  });
  if (req.acks === 0) return null;
  if (req.acks === -1) await Promise.all(appended.map((log) => core.fsync.durable(log)));
  const w = new Writer(64 + 32 * topics.length);
  encodeProduceResponse(w, version, { topics });
  return w.finish();
}
