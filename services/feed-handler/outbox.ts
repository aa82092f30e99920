import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One message waiting for the broker. `tradeId` and `timeMs` are set for trades (not DLQ records). */
export interface OutboxRecord {
  topic: string;
  key: string;
  value: string;
  symbol?: string;
  tradeId?: number;
  timeMs?: number;
}

export interface OutboxOptions {
  /** Folder for spill segments; emptied at start (the topic, not the spill, is the record of what was produced). */
  dir: string;
  /** Records kept in memory before new ones go to disk. */
  memoryMaxRecords: number;
  /** Disk budget for spill segments; past it, records are dropped (and refilled later through REST). */
  diskMaxBytes: number;
  /** Records per spill segment file. */
  segmentRecords: number;
}

/**
 * A FIFO of messages for the broker: memory first, then spill segments on disk once memory is
 * full. Once anything is spilled, new records follow it to disk so the order stays exact; the
 * oldest segment is read back when memory has drained.
 */
export class Outbox {
  private head: OutboxRecord[] = [];
  private headStart = 0;
  /** Spilled segments, oldest first; `kept` holds one in memory when its file could not be written. */
  private segments: Array<{ file: string; records: number; bytes: number; kept?: OutboxRecord[] }> = [];
  private open: OutboxRecord[] = [];
  private nextSegment = 0;
  private diskBytes = 0;
  private waiters: Array<() => void> = [];
  spilledTotal = 0;
  droppedTotal = 0;
  /** Records lost because a spill file could not be read back. */
  lostToDiskErrors = 0;
  /** The last spill write or read failure, for health detail. */
  lastDiskError: string | undefined;

  constructor(private readonly options: OutboxOptions) {
    // Empties the folder rather than removing it: it may be a mount point (a compose volume at
    // /data) whose parent the handler cannot write.
    mkdirSync(options.dir, { recursive: true });
    for (const entry of readdirSync(options.dir)) rmSync(join(options.dir, entry), { recursive: true, force: true });
  }

  /** Records not yet acknowledged by the broker. */
  get size(): number {
    return this.head.length - this.headStart + this.spilled;
  }

  /** Records waiting on disk (or in the segment being filled for disk). */
  get spilled(): number {
    return this.segments.reduce((n, s) => n + s.records, 0) + this.open.length;
  }

  /** Whether a push would be accepted right now. */
  get hasRoom(): boolean {
    return this.inMemoryMode() ? true : this.diskBytes < this.options.diskMaxBytes;
  }

  /** Appends a record; false when memory and disk are both full (the record is dropped). */
  push(record: OutboxRecord): boolean {
    if (this.inMemoryMode()) {
      this.head.push(record);
    } else {
      if (this.diskBytes >= this.options.diskMaxBytes) {
        this.droppedTotal++;
        return false;
      }
      this.open.push(record);
      this.spilledTotal++;
      if (this.open.length >= this.options.segmentRecords) this.closeSegment();
    }
    this.wake();
    return true;
  }

  /** Up to `max` records from the front, without removing them. */
  peek(max: number): OutboxRecord[] {
    if (this.head.length === this.headStart) this.refill();
    return this.head.slice(this.headStart, this.headStart + max);
  }

  /** Removes `n` records from the front after the broker acknowledged them. */
  ack(n: number): void {
    this.headStart += n;
    if (this.headStart > 4_096 && this.headStart * 2 > this.head.length) {
      this.head = this.head.slice(this.headStart);
      this.headStart = 0;
    }
  }

  /** Resolves when a record is pushed (or after `timeoutMs`). */
  waitForRecords(timeoutMs: number): Promise<void> {
    if (this.size > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  private inMemoryMode(): boolean {
    return this.segments.length === 0 && this.open.length === 0 && this.head.length - this.headStart < this.options.memoryMaxRecords;
  }

  private closeSegment(): void {
    if (this.open.length === 0) return;
    const file = join(this.options.dir, `spill-${String(this.nextSegment++).padStart(8, '0')}.jsonl`);
    const text = `${this.open.map((r) => JSON.stringify(r)).join('\n')}\n`;
    try {
      writeFileSync(file, text);
    } catch (error) {
      // A full or broken disk must not lose what was accepted: keep the segment in memory, in order.
      this.lastDiskError = (error as Error).message;
      this.segments.push({ file, records: this.open.length, bytes: 0, kept: this.open });
      this.open = [];
      return;
    }
    const bytes = Buffer.byteLength(text);
    this.segments.push({ file, records: this.open.length, bytes });
    this.diskBytes += bytes;
    this.open = [];
  }

  /** Moves the oldest spilled records into memory. */
  private refill(): void {
    this.head = [];
    this.headStart = 0;
    const segment = this.segments.shift();
    if (segment?.kept) {
      this.head = segment.kept;
    } else if (segment) {
      this.diskBytes -= segment.bytes;
      try {
        this.head = readFileSync(segment.file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as OutboxRecord);
        rmSync(segment.file, { force: true });
      } catch (error) {
        this.lostToDiskErrors += segment.records;
        this.lastDiskError = (error as Error).message;
      }
    } else if (this.open.length > 0) {
      this.head = this.open;
      this.open = [];
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
