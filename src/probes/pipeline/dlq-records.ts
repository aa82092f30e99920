import { EXCHANGES, type Exchange } from '../../stack/names';
import type { PipelineSource } from './pipeline-source';

/**
 * Records ever written to each exchange's DLQ topic (the sum of its end offsets), via kafkajs
 * admin. An exchange without a DLQ topic in the manifest, or whose topic cannot be read, is left out.
 */
export async function readDlqRecords(source: PipelineSource): Promise<Partial<Record<Exchange, number>>> {
  const topics = source.manifest.kafka.dlqTopics;
  if (!topics) return {};
  return source.withAdmin(async (admin) => {
    const entries = await Promise.all(EXCHANGES.map(async (e) => {
      try {
        const ends = await admin.fetchTopicOffsets(topics[e]);
        return [e, ends.reduce((sum, p) => sum + Number(p.high), 0)] as const;
      } catch {
        return undefined;
      }
    }));
    return Object.fromEntries(entries.filter((x) => x !== undefined));
  });
}
