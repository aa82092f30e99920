import { Kafka, Partitioners, type Producer } from 'kafkajs';
import type { Outbox, OutboxRecord } from './outbox';

/** Most records per produce request: while the broker is slow to acknowledge, batches grow to catch up. */
const BATCH_RECORDS = 4_000;
const IDLE_WAIT_MS = 50;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 2_000;

export interface ProducerLoopOptions {
  /** Seeded test defect `feed-handler-drops-failed-batch`: a batch whose send failed is given up. */
  dropFailedBatches?: boolean;
}

export interface ProducerLoopEvents {
  /** After the broker acknowledged (acks=-1) these records. */
  onAcked(records: OutboxRecord[]): void;
  onError(error: Error): void;
}

/**
 * Drains the outbox to the broker in order, one produce request at a time (so a retry can
 * never reorder a partition), with acks from all in-sync replicas. On failure the same batch is
 * retried with backoff on a fresh producer until it is acknowledged.
 */
export class ProducerLoop {
  private producer: Producer | undefined;
  private stopped = false;
  private done: Promise<void> | undefined;
  brokerUp = false;

  constructor(private readonly kafka: Kafka, private readonly outbox: Outbox, private readonly events: ProducerLoopEvents, private readonly options: ProducerLoopOptions = {}) {}

  start(): void {
    this.done ??= this.loop();
  }

  /** Stops after the batch in flight; unsent records stay in the outbox. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const batch = this.outbox.peek(BATCH_RECORDS);
      if (batch.length === 0) {
        await this.outbox.waitForRecords(IDLE_WAIT_MS);
        continue;
      }
      try {
        await this.send(batch);
        this.outbox.ack(batch.length);
        this.brokerUp = true;
        failures = 0;
        this.events.onAcked(batch);
      } catch (error) {
        this.brokerUp = false;
        this.events.onError(error as Error);
        if (this.options.dropFailedBatches) this.outbox.ack(batch.length);
        const producer = this.producer;
        this.producer = undefined;
        await producer?.disconnect().catch(() => undefined);
        const delayMs = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** failures++);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private async send(batch: OutboxRecord[]): Promise<void> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
      });
      await producer.connect();
      this.producer = producer;
    }
    const byTopic = new Map<string, Array<{ key: string; value: string }>>();
    for (const r of batch) {
      let list = byTopic.get(r.topic);
      if (!list) byTopic.set(r.topic, (list = []));
      list.push({ key: r.key, value: r.value });
    }
    await this.producer.sendBatch({ acks: -1, timeout: 10_000, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }
}
