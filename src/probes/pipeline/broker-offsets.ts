import { EXCHANGES, type Exchange } from '../../stack/names';
import type { PipelineSource } from './pipeline-source';

/** One partition of a raw topic: the log's bounds and the ClickHouse group's position in it. */
export interface PartitionOffsets {
  partition: number;
  /** Log start offset. */
  low: number;
  /** End offset (high watermark): the next offset to be written. */
  high: number;
  /** The consumer group's committed offset; -1 when it has committed none. */
  committed: number;
  /** Messages the group has still to read: high minus committed (minus low when none committed). */
  lag: number;
}

export interface TopicOffsets {
  topic: string;
  group: string;
  partitions: PartitionOffsets[];
  /** Sum of end offsets: messages ever written to the topic (the log is never truncated here). */
  endOffsetSum: number;
  totalLag: number;
}

export type BrokerOffsets = Record<Exchange, TopicOffsets>;

/** Raw-topic end offsets per partition and the ClickHouse consumer groups' lag, via kafkajs admin. */
export async function readBrokerOffsets(source: PipelineSource): Promise<BrokerOffsets> {
  const { rawTopics, consumerGroups } = source.manifest.kafka;
  return source.withAdmin(async (admin) => {
    const perExchange = await Promise.all(
      EXCHANGES.map(async (e): Promise<TopicOffsets> => {
        const topic = rawTopics[e];
        const group = consumerGroups[e];
        const [ends, committedByTopic] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: group, topics: [topic] })]);
        const committed = new Map((committedByTopic.find((t) => t.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        const partitions = ends
          .map((p) => {
            const low = Number(p.low);
            const high = Number(p.high);
            const c = committed.get(p.partition) ?? -1;
            return { partition: p.partition, low, high, committed: c, lag: Math.max(0, high - (c >= 0 ? c : low)) };
          })
          .sort((a, b) => a.partition - b.partition);
        return {
          topic, group, partitions,
          endOffsetSum: partitions.reduce((s, p) => s + p.high, 0),
          totalLag: partitions.reduce((s, p) => s + p.lag, 0),
        };
      }),
    );
    return Object.fromEntries(EXCHANGES.map((e, i) => [e, perExchange[i]!])) as BrokerOffsets;
  });
}
