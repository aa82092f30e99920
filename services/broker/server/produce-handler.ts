import { InvalidRecordsError, type PartitionLog } from '../log/partition-log';
import { StorageError } from '../log/storage-error';
import { ERR } from '../protocol/error-codes';
import { decodeProduceRequest, encodeProduceResponse, type ProducePartitionResult } from '../protocol/produce';
import type { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import type { RequestContext } from './request-context';

/**
 * Produce: every partition's record set is validated and appended synchronously, so requests on
 * one connection land in the order sent; acks=-1 then waits for the fsync policy. acks=0 gets
 * no response at all. A write the disk refuses (full, read-only) is answered KAFKA_STORAGE_ERROR,
 * which producers retry: the records were not kept, so they must not be acknowledged.
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
          if (!(error instanceof StorageError)) throw error;
          core.metrics.storageErrors();
          // The seeded defect: the refused write is reported as done, at the offset it would have had.
          if (core.options.acksRefusedWrites) return { ...result, baseOffset: log.nextOffset, logStartOffset: log.logStartOffset };
          return { ...result, errorCode: ERR.KAFKA_STORAGE_ERROR };
        }
      }),
    };
  });
  if (req.acks === 0) return null;
  if (req.acks === -1) {
    // A failed fsync leaves the records appended but not known durable: the producer retries (a duplicate at worst).
    const failed = new Set<PartitionLog>();
    await Promise.all(appended.map((log) => core.fsync.durable(log).catch(() => { failed.add(log); })));
    if (failed.size > 0) markFailed(topics, req.topics, core, failed);
  }
  const w = new Writer(64 + 32 * topics.length);
  encodeProduceResponse(w, version, { topics });
  return w.finish();
}

/** Turns the answer of every partition whose fsync failed into KAFKA_STORAGE_ERROR. */
function markFailed(
  results: { name: string; partitions: ProducePartitionResult[] }[],
  requested: { name: string }[],
  core: RequestContext['core'],
  failed: Set<PartitionLog>,
): void {
  results.forEach((topic, t) => {
    const logs = core.topicFor(requested[t]!.name, false);
    if (typeof logs === 'number') return;
    for (const p of topic.partitions) {
      const log = logs[p.index];
      if (log && failed.has(log) && p.errorCode === ERR.NONE) {
        core.metrics.storageErrors();
        p.errorCode = ERR.KAFKA_STORAGE_ERROR;
        p.baseOffset = -1;
      }
    }
  });
}
