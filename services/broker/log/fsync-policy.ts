import type { PartitionLog } from './partition-log';

/**
 * When data reaches the disk. `batch`: every acks=-1 produce waits for an fdatasync of its
 * partition (concurrent requests share one); `interval`: acks=-1 waits for the next periodic
 * flush; `none`: the OS decides, and acks=-1 is answered once the data is written.
 * Every policy but `none` also flushes dirty partitions in the background.
 */
export type FsyncMode = { kind: 'batch' } | { kind: 'interval'; intervalMs: number } | { kind: 'none' };

const BACKGROUND_FLUSH_MS = 1_000;

/** Parses `batch`, `none` or `interval:<ms>`; null when the text is none of these. */
export function parseFsyncMode(text: string): FsyncMode | null {
  if (text === 'batch') return { kind: 'batch' };
  if (text === 'none') return { kind: 'none' };
  const match = /^interval:(\d+)$/.exec(text);
  if (match && Number(match[1]) > 0) return { kind: 'interval', intervalMs: Number(match[1]) };
  return null;
}

export class FsyncPolicy {
  private readonly timer: NodeJS.Timeout | null;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(readonly mode: FsyncMode, private readonly logs: () => PartitionLog[]) {
    const everyMs = mode.kind === 'interval' ? mode.intervalMs : mode.kind === 'batch' ? BACKGROUND_FLUSH_MS : 0;
    this.timer = everyMs > 0 ? setInterval(() => void this.flushAll(), everyMs) : null;
    this.timer?.unref();
  }

  /** Resolves when the writes already made to `log` are durable under this policy. */
  durable(log: PartitionLog): Promise<void> {
    if (this.mode.kind === 'batch') return log.sync();
    if (this.mode.kind === 'none') return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Syncs every dirty partition, then releases those waiting for the interval flush. */
  async flushAll(): Promise<void> {
    const waiters = this.waiters;
    this.waiters = [];
    try {
      // Every log, not only the dirty ones: a sync already in flight (started by an append) has
      // cleared the dirty flag, and a waiter must not be released before it is known to succeed.
      await Promise.all(this.logs().map((log) => log.sync()));
      for (const w of waiters) w.resolve();
    } catch (error) {
      for (const w of waiters) w.reject(error as Error);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flushAll();
    await Promise.all(this.logs().map((log) => log.sync()));
  }
}
