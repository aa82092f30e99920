import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';

const ENTRY_BYTES = 8;

/**
 * Sparse offset index of one segment: (offset relative to the segment base, byte position) of
 * batch starts, one entry every few KB. Kept in memory (a few bytes per KB of log) and appended
 * to the `.index` file so sealed segments need no scan on start.
 */
export class OffsetIndex {
  private offsets = new Int32Array(64);
  private positions = new Int32Array(64);
  private count = 0;
  private fd: number;
  /** Entries in the file; it stops growing after a failed write (a full disk), staying a valid prefix. */
  private persisted = 0;
  private persistFailed = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  get entries(): number {
    return this.count;
  }

  /** Position of the last indexed batch starting at or before `relativeOffset` (0 when none). */
  lookup(relativeOffset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid]! <= relativeOffset) {
        best = this.positions[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  add(relativeOffset: number, position: number, persist = true): void {
    if (this.count === this.offsets.length) {
      const grow = (a: Int32Array) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      this.offsets = grow(this.offsets);
      this.positions = grow(this.positions);
    }
    this.offsets[this.count] = relativeOffset;
    this.positions[this.count] = position;
    this.count++;
    if (persist && !this.persistFailed) {
      const entry = Buffer.allocUnsafe(ENTRY_BYTES);
      entry.writeInt32BE(relativeOffset, 0);
      entry.writeInt32BE(position, 4);
      try {
        if (writeSync(this.fd, entry) !== ENTRY_BYTES) throw new Error('short write');
        this.persisted++;
      } catch {
        // A sparse index is still a correct one: drop a torn entry and index the rest in memory.
        this.persistFailed = true;
        try { ftruncateSync(this.fd, this.persisted * ENTRY_BYTES); } catch { /* the next load sees a torn file and rebuilds */ }
      }
    } else if (!persist) {
      this.persisted++;
    }
  }

  /**
   * Loads the index file; false when it is missing, torn, or does not fit a log of `logSize`
   * bytes, in which case the caller rebuilds the index from the log.
   */
  load(logSize: number): boolean {
    let data: Buffer;
    try {
      data = readFileSync(this.path);
    } catch {
      return false;
    }
    if (data.length % ENTRY_BYTES !== 0) return false;
    let prevOffset = -1;
    let prevPosition = -1;
    for (let at = 0; at < data.length; at += ENTRY_BYTES) {
      const offset = data.readInt32BE(at);
      const position = data.readInt32BE(at + 4);
      if (offset <= prevOffset || position <= prevPosition || position >= logSize) {
        this.count = 0;
        return false;
      }
      this.add(offset, position, false);
      prevOffset = offset;
      prevPosition = position;
    }
    return true;
  }

  /** Empties the index and its file, before a rebuild. */
  reset(): void {
    closeSync(this.fd);
    this.fd = openSync(this.path, 'w');
    this.count = 0;
    this.persisted = 0;
    this.persistFailed = false;
  }

  sync(): void {
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
