import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PartitionLog } from './partition-log';

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function isValidTopicName(name: string): boolean {
  return TOPIC_NAME.test(name) && name !== '.' && name !== '..';
}

export interface TopicStoreOptions {
  dir: string;
  segmentBytes: number;
  maxBatchBytes: number;
  /** See PartitionLogOptions.visibleBeforeSync. */
  visibleBeforeSync?: boolean;
  /** A partition's high watermark moved on after a sync. */
  onDurable?: (topic: string, partition: number) => void;
}

/**
 * All topics of the broker: one directory per partition, `<topic>-<partition>`, as Kafka lays
 * them out. The partition count of a topic is read back from its directories on start.
 */
export class TopicStore {
  private readonly topics = new Map<string, PartitionLog[]>();
  /** Torn-tail bytes cut while opening, per `topic-partition`. */
  readonly truncated = new Map<string, number>();

  constructor(private readonly options: TopicStoreOptions) {
    mkdirSync(options.dir, { recursive: true });
    const counts = new Map<string, number>();
    for (const name of readdirSync(options.dir)) {
      const match = /^(.+)-(\d+)$/.exec(name);
      if (!match || !isValidTopicName(match[1]!)) continue;
      counts.set(match[1]!, Math.max(counts.get(match[1]!) ?? 0, Number(match[2]) + 1));
    }
    for (const [topic, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) this.open(topic, count);
  }

  private open(topic: string, partitions: number): PartitionLog[] {
    const logs: PartitionLog[] = [];
    for (let p = 0; p < partitions; p++) {
      const { onDurable, ...options } = this.options;
      const log = new PartitionLog({ ...options, dir: join(this.options.dir, `${topic}-${p}`), onDurable: () => onDurable?.(topic, p) });
      if (log.truncatedBytes > 0) this.truncated.set(`${topic}-${p}`, log.truncatedBytes);
      logs.push(log);
    }
    this.topics.set(topic, logs);
    return logs;
  }

  names(): string[] {
    return [...this.topics.keys()];
  }

  partitions(topic: string): PartitionLog[] | undefined {
    return this.topics.get(topic);
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.[partition];
  }

  has(topic: string): boolean {
    return this.topics.has(topic);
  }

  create(topic: string, partitions: number): PartitionLog[] {
    if (!isValidTopicName(topic)) throw new Error(`invalid topic name "${topic}"`);
    if (this.topics.has(topic)) throw new Error(`topic "${topic}" exists`);
    return this.open(topic, partitions);
  }

  delete(topic: string): boolean {
    const logs = this.topics.get(topic);
    if (!logs) return false;
    this.topics.delete(topic);
    logs.forEach((log, p) => {
      log.close();
      rmSync(join(this.options.dir, `${topic}-${p}`), { recursive: true, force: true });
    });
    return true;
  }

  all(): PartitionLog[] {
    return [...this.topics.values()].flat();
  }

  close(): void {
    for (const log of this.all()) log.close();
  }
}
