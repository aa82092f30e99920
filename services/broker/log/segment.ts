import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readBatchHeader } from '../protocol/record-batch';
import { isFileSystemError, StorageError } from './storage-error';
import { OffsetIndex } from './offset-index';
import { scanSegment } from './segment-scan';

/** One index entry per this many bytes of log. */
const INDEX_INTERVAL_BYTES = 4096;
/** Bytes of a batch header needed to know its offsets and size. */
const PEEK_BYTES = 27;

export function segmentName(baseOffset: number): string {
  return String(baseOffset).padStart(20, '0');
}

/** One `.log` file of a partition with its `.index`; appends go through a single fd. */
export class Segment {
  readonly file: string;
  readonly index: OffsetIndex;
  size = 0;
  nextOffset: number;
  maxTimestamp = -1;
  private readonly fd: number;
  private bytesSinceIndex = 0;

  constructor(dir: string, readonly baseOffset: number) {
    this.file = join(dir, `${segmentName(baseOffset)}.log`);
    this.fd = openSync(this.file, 'a+');
    this.index = new OffsetIndex(join(dir, `${segmentName(baseOffset)}.index`));
    this.nextOffset = baseOffset;
  }

  /**
   * Loads the segment from disk. The active segment is scanned with CRC checks and a torn tail
   * is cut off; sealed segments trust their index when it fits and are only walked otherwise.
   */
  recover(active: boolean, maxBatchBytes: number): { truncatedBytes: number } {
    const fileSize = fstatSync(this.fd).size;
    if (!active && this.index.load(fileSize)) {
      this.size = fileSize;
      this.nextOffset = this.lastBatchEnd();
      return { truncatedBytes: 0 };
    }
    this.index.reset();
    this.bytesSinceIndex = 0;
    const result = scanSegment({
      file: this.file, fd: this.fd, size: fileSize, baseOffset: this.baseOffset, maxBatchBytes, active,
      onBatch: (header, position) => this.noteBatch(header.baseOffset, position, header.size),
    });
    if (result.validSize < fileSize) ftruncateSync(this.fd, result.validSize);
    this.size = result.validSize;
    this.nextOffset = result.nextOffset;
    this.maxTimestamp = result.maxTimestamp;
    return { truncatedBytes: fileSize - result.validSize };
  }

  /**
   * Appends whole batches whose base offsets are already assigned. A write the disk refuses
   * (ENOSPC, EROFS) cuts the file back to where it was and throws a StorageError: nothing of
   * the record set is kept, so no torn batch sits before the next append.
   */
  append(data: Buffer, batchStarts: { baseOffset: number; at: number; size: number }[], nextOffset: number, maxTimestamp: number): void {
    const position = this.size;
    let written = 0;
    try {
      while (written < data.length) written += writeSync(this.fd, data, written, data.length - written, position + written);
    } catch (error) {
      if (!isFileSystemError(error)) throw error;
      try { ftruncateSync(this.fd, position); } catch { /* recovery on the next start cuts a torn tail */ }
      throw new StorageError(this.file, error);
    }
    for (const batch of batchStarts) this.noteBatch(batch.baseOffset, position + batch.at, batch.size);
    this.size += data.length;
    this.nextOffset = nextOffset;
    this.maxTimestamp = Math.max(this.maxTimestamp, maxTimestamp);
  }

  private noteBatch(baseOffset: number, position: number, size: number): void {
    if (this.bytesSinceIndex >= INDEX_INTERVAL_BYTES || (position === 0 && this.index.entries === 0)) {
      this.index.add(baseOffset - this.baseOffset, position);
      this.bytesSinceIndex = 0;
    }
    this.bytesSinceIndex += size;
  }

  /** Byte position of the batch holding `offset`, or -1 when it is past this segment. */
  positionOf(offset: number): number {
    let position = this.index.lookup(offset - this.baseOffset);
    const head = Buffer.allocUnsafe(PEEK_BYTES);
    while (position < this.size) {
      readSync(this.fd, head, 0, PEEK_BYTES, position);
      const last = Number(head.readBigInt64BE(0)) + head.readInt32BE(23);
      if (last >= offset) return position;
      position += head.readInt32BE(8) + 12;
    }
    return -1;
  }

  /**
   * Whole batches from `position`, at most `maxBytes` unless the first batch alone is larger
   * (the protocol lets a fetch return one oversized batch so consumers never stall).
   */
  read(position: number, maxBytes: number): Buffer {
    const want = Math.min(Math.max(maxBytes, PEEK_BYTES), this.size - position);
    let buf = Buffer.allocUnsafe(want);
    let n = readSync(this.fd, buf, 0, want, position);
    let end = 0;
    while (end + PEEK_BYTES <= n) {
      const size = buf.readInt32BE(end + 8) + 12;
      if (end + size > n) {
        if (end > 0) break;
        buf = Buffer.allocUnsafe(size);
        n = readSync(this.fd, buf, 0, size, position);
        end = Math.min(size, n);
        break;
      }
      end += size;
    }
    return buf.subarray(0, end);
  }

  /** Walks headers from `position` onward, for timestamp lookups. */
  *batches(): Generator<{ baseOffset: number; maxTimestamp: number }> {
    const head = Buffer.allocUnsafe(61);
    for (let position = 0; position < this.size;) {
      readSync(this.fd, head, 0, 61, position);
      const header = readBatchHeader(head, 0)!;
      yield { baseOffset: header.baseOffset, maxTimestamp: header.maxTimestamp };
      position += header.size;
    }
  }

  private lastBatchEnd(): number {
    if (this.size === 0) return this.baseOffset;
    let position = this.index.lookup(Number.MAX_SAFE_INTEGER);
    let next = this.baseOffset;
    const head = Buffer.allocUnsafe(PEEK_BYTES);
    while (position < this.size) {
      readSync(this.fd, head, 0, PEEK_BYTES, position);
      next = Number(head.readBigInt64BE(0)) + head.readInt32BE(23) + 1;
      position += head.readInt32BE(8) + 12;
    }
    return next;
  }

  sync(): Promise<void> {
    return new Promise((resolve, reject) => fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
  }

  /** Flushes log and index before the segment is sealed, so a later start can trust the index. */
  seal(): void {
    fdatasyncSync(this.fd);
    this.index.sync();
  }

  close(): void {
    closeSync(this.fd);
    this.index.close();
  }
}
