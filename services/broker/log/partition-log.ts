import { mkdirSync, readdirSync } from 'node:fs';
import { assignBaseOffset, checkBatch } from '../protocol/record-batch';
import { Segment } from './segment';
import { isFileSystemError, StorageError } from './storage-error';

export interface PartitionLogOptions {
  dir: string;
  segmentBytes: number;
  maxBatchBytes: number;
  /**
   * Consumers see records as soon as they are written (fsync policy `none`). Otherwise only once
   * they are on disk: a record a consumer has read must survive a crash, or the offset it
   * committed past would be handed to another record after the restart.
   */
  visibleBeforeSync?: boolean;
  /** Called when the high watermark moves on after a sync (long-polling fetches wait for it). */
  onDurable?: () => void;
}

export type ReadResult =
  | { ok: true; records: Buffer; highWatermark: number; logStartOffset: number }
  | { ok: false; outOfRange: true; highWatermark: number; logStartOffset: number };

/** Why a produced record set was refused. */
export class InvalidRecordsError extends Error {
  override name = 'InvalidRecordsError';
}

/**
 * The log of one partition: segments named by base offset, appends to the last one, reads
 * through the sparse index. Nothing of the data stays in memory; the OS page cache serves reads.
 * Fsyncs are group-committed: concurrent `sync()` callers share one fdatasync.
 */
export class PartitionLog {
  private readonly segments: Segment[] = [];
  private syncWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private syncing = false;
  private dirty = false;
  /** End offset of what is known to be on disk; what was there at open counts as synced. */
  private synced: number;
  /** Bytes dropped from a torn tail when the log was opened. */
  readonly truncatedBytes: number;

  constructor(private readonly options: PartitionLogOptions) {
    mkdirSync(options.dir, { recursive: true });
    const bases = readdirSync(options.dir)
      .filter((name) => /^\d{20}\.log$/.test(name))
      .map((name) => Number(name.slice(0, 20)))
      .sort((a, b) => a - b);
    if (bases.length === 0) bases.push(0);
    let truncated = 0;
    bases.forEach((base, i) => {
      const segment = new Segment(options.dir, base);
      truncated += segment.recover(i === bases.length - 1, options.maxBatchBytes).truncatedBytes;
      this.segments.push(segment);
    });
    this.truncatedBytes = truncated;
    this.synced = this.nextOffset;
  }

  get logStartOffset(): number {
    return this.segments[0]!.baseOffset;
  }

  /** Log end offset: where the next append goes. */
  get nextOffset(): number {
    return this.active.nextOffset;
  }

  /**
   * The end of what consumers may read and what ListOffsets reports: with one replica, the end
   * of what is on disk (or the log end when records are visible before their sync).
   */
  get highWatermark(): number {
    return this.options.visibleBeforeSync ? this.nextOffset : this.synced;
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  /**
   * Validates every batch (magic 2, CRC-32C), assigns base offsets, and appends the whole
   * record set with one write. Returns the base offset of the first batch.
   */
  append(records: Buffer): number {
    const batches: { baseOffset: number; at: number; size: number }[] = [];
    let next = this.nextOffset;
    let maxTimestamp = -1;
    for (let at = 0; at < records.length;) {
      const check = checkBatch(records, at, this.options.maxBatchBytes);
      if (!check.ok) throw new InvalidRecordsError(check.reason);
      batches.push({ baseOffset: next, at, size: check.header.size });
      next += check.header.lastOffsetDelta + 1;
      maxTimestamp = Math.max(maxTimestamp, check.header.maxTimestamp);
      at += check.header.size;
    }
    if (batches.length === 0) throw new InvalidRecordsError('empty record set');
    for (const batch of batches) assignBaseOffset(records, batch.at, batch.baseOffset);
    if (this.active.size > 0 && this.active.size + records.length > this.options.segmentBytes) this.roll();
    const base = this.nextOffset;
    this.active.append(records, batches, next, maxTimestamp);
    this.dirty = true;
    // Records become visible with their sync; start one now (concurrent appends share it), so a
    // produce that does not wait for it (acks 0 or 1) is not left for the background flush.
    if (!this.options.visibleBeforeSync) void this.sync().catch(() => undefined);
    return base;
  }

  /** Opens the next segment before sealing this one, so a disk that refuses the new file leaves the log as it was. */
  private roll(): void {
    let next: Segment;
    try {
      next = new Segment(this.options.dir, this.nextOffset);
    } catch (error) {
      if (isFileSystemError(error)) throw new StorageError(this.options.dir, error);
      throw error;
    }
    this.active.seal();
    this.segments.push(next);
  }

  /**
   * Whole batches starting with the one that holds `offset`, up to about `maxBytes`, and none past
   * the high watermark. An offset between the high watermark and the log end is in range: its
   * records are written, not yet synced, and the answer is empty until they are.
   */
  read(offset: number, maxBytes: number): ReadResult {
    const highWatermark = this.highWatermark;
    const logStartOffset = this.logStartOffset;
    if (offset < logStartOffset || offset > this.nextOffset) return { ok: false, outOfRange: true, highWatermark, logStartOffset };
    const empty = { ok: true as const, records: Buffer.alloc(0), highWatermark, logStartOffset };
    if (offset >= highWatermark) return empty;
    for (let i = this.findSegment(offset); i < this.segments.length; i++) {
      const segment = this.segments[i]!;
      const position = segment.positionOf(offset);
      if (position < 0) continue;
      // The high watermark is a batch boundary: stop at the batch that starts there, if this segment holds it.
      const stop = highWatermark < segment.nextOffset ? segment.positionOf(highWatermark) : -1;
      const limit = stop >= 0 ? Math.min(maxBytes, stop - position) : maxBytes;
      return { ...empty, records: segment.read(position, limit) };
    }
    return empty;
  }

  private findSegment(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]!.baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** First offset whose batch has a timestamp at or after `timestamp`; the end offset when none. */
  offsetForTimestamp(timestamp: number): number {
    for (const segment of this.segments) {
      for (const batch of segment.batches()) if (batch.maxTimestamp >= timestamp) return batch.baseOffset;
    }
    return this.nextOffset;
  }

  /** Resolves once everything appended before the call is on disk. */
  sync(): Promise<void> {
    if (!this.dirty && !this.syncing) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.syncWaiters.push({ resolve, reject });
      if (!this.syncing) void this.runSyncs();
    });
  }

  private async runSyncs(): Promise<void> {
    this.syncing = true;
    while (this.syncWaiters.length > 0) {
      const waiters = this.syncWaiters;
      this.syncWaiters = [];
      this.dirty = false;
      // Everything before this offset is in the active segment or in a sealed one (synced when sealed).
      const upTo = this.nextOffset;
      try {
        await this.active.sync();
        if (upTo > this.synced) {
          this.synced = upTo;
          this.options.onDurable?.();
        }
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error as Error);
      }
    }
    this.syncing = false;
  }

  close(): void {
    for (const segment of this.segments) segment.close();
  }
}
