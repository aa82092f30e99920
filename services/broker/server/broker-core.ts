import { join } from 'node:path';
import { GroupCoordinator } from '../groups/group-coordinator';
import { OffsetStore } from '../groups/offset-store';
import { FsyncPolicy, type FsyncMode } from '../log/fsync-policy';
import type { PartitionLog } from '../log/partition-log';
import { TopicStore, isValidTopicName } from '../log/topic-store';
import { ERR } from '../protocol/error-codes';
import { BrokerMetrics } from './broker-metrics';
import { DataWaiters } from './data-waiters';
import { DeferredAppends } from './deferred-appends';

export interface BrokerCoreOptions {
  dataDir: string;
  defaultPartitions: number;
  autoCreateTopics: boolean;
  fsync: FsyncMode;
  segmentBytes: number;
  maxBatchBytes: number;
  nodeId: number;
  clusterId: string;
  /** Seeded test defect `broker-acks-before-append`; never set in production. */
  ackBeforeAppend?: boolean;
  /** Seeded test defect `broker-acks-refused-writes`; never set in production. */
  acksRefusedWrites?: boolean;
}

/** The broker's state shared by every connection: topics, groups, durability, metrics. */
export class BrokerCore {
  readonly topics: TopicStore;
  readonly groups: GroupCoordinator;
  readonly fsync: FsyncPolicy;
  readonly waiters = new DataWaiters();
  readonly metrics = new BrokerMetrics();
  /** Only with the seeded defect `broker-acks-before-append`. */
  readonly deferredAppends: DeferredAppends | null;
  /** Set when shutdown starts: long polls answer at once. */
  closing = false;

  constructor(readonly options: BrokerCoreOptions) {
    this.topics = new TopicStore({
      dir: join(options.dataDir, 'topics'), segmentBytes: options.segmentBytes, maxBatchBytes: options.maxBatchBytes,
      visibleBeforeSync: options.fsync.kind === 'none',
      // Fetches long-poll on data: a sync makes written records readable.
      onDurable: (topic, partition) => this.waiters.notify(`${topic}\u0000${partition}`),
    });
    this.groups = new GroupCoordinator(
      new OffsetStore(join(options.dataDir, 'groups', 'offsets.jsonl')),
      join(options.dataDir, 'groups', 'groups.json'),
      () => this.metrics.groups(this.groups?.list().length ?? 0),
    );
    this.fsync = new FsyncPolicy(options.fsync, () => this.topics.all());
    this.deferredAppends = options.ackBeforeAppend ? new DeferredAppends() : null;
    this.metrics.topics(this.topics.names().length);
    this.metrics.groups(this.groups.list().length);
  }

  /**
   * The partitions of `topic`, creating it with the default partition count when auto-creation
   * is on and `allowCreate` is set; otherwise a Kafka error code.
   */
  topicFor(topic: string, allowCreate: boolean): PartitionLog[] | number {
    const logs = this.topics.partitions(topic);
    if (logs) return logs;
    if (!isValidTopicName(topic)) return ERR.INVALID_TOPIC_EXCEPTION;
    if (!allowCreate || !this.options.autoCreateTopics) return ERR.UNKNOWN_TOPIC_OR_PARTITION;
    return this.createTopic(topic, this.options.defaultPartitions);
  }

  createTopic(topic: string, partitions: number): PartitionLog[] {
    const logs = this.topics.create(topic, partitions);
    this.metrics.topics(this.topics.names().length);
    return logs;
  }

  async deleteTopic(topic: string): Promise<boolean> {
    const deleted = this.topics.delete(topic);
    if (deleted) await this.groups.offsets.deleteTopic(topic);
    this.metrics.topics(this.topics.names().length);
    return deleted;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.deferredAppends?.close();
    this.waiters.close();
    this.groups.close();
    await this.fsync.close();
    await this.groups.offsets.close();
    this.topics.close();
  }
}
