import type { PartitionLog } from '../log/partition-log';

/** How often the queue is appended to the log. */
const APPEND_EVERY_MS = 200;

/**
 * Seeded defect `broker-acks-before-append` (test-only): produce requests are acknowledged at
 * once and their records appended from this queue every 200 ms. `close` drops what is queued, so
 * a restart loses records the producers were told are stored: the bug a ledger must catch.
 */
export class DeferredAppends {
  private queue: Array<{ log: PartitionLog; records: Buffer; notify: () => void }> = [];
  private readonly timer = setInterval(() => this.drain(), APPEND_EVERY_MS);

  push(log: PartitionLog, records: Buffer, notify: () => void): void {
    this.queue.push({ log, records, notify });
  }

  private drain(): void {
    const queued = this.queue;
    this.queue = [];
    for (const q of queued) {
      try {
        q.log.append(q.records);
        q.notify();
      } catch {
        // An invalid batch was already acknowledged: it is lost, as the defect's bug would lose it.
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.queue = [];
  }
}
