/** Growable big-endian buffer for building responses. */
export class Writer {
  private buf: Buffer;
  private size = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private room(n: number): number {
    if (this.size + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.size + n));
      this.buf.copy(next, 0, 0, this.size);
      this.buf = next;
    }
    const at = this.size;
    this.size += n;
    return at;
  }

  // `room()` may replace `this.buf`, so it must run before `this.buf` is read.
  int8(v: number): this { const at = this.room(1); this.buf.writeInt8(v, at); return this; }
  int16(v: number): this { const at = this.room(2); this.buf.writeInt16BE(v, at); return this; }
  int32(v: number): this { const at = this.room(4); this.buf.writeInt32BE(v, at); return this; }
  int64(v: number): this { const at = this.room(8); this.buf.writeBigInt64BE(BigInt(v), at); return this; }
  boolean(v: boolean): this { return this.int8(v ? 1 : 0); }

  string(v: string | null): this {
    if (v === null) return this.int16(-1);
    const len = Buffer.byteLength(v);
    this.int16(len);
    const at = this.room(len);
    this.buf.write(v, at, 'utf8');
    return this;
  }

  bytes(v: Buffer | null): this {
    if (v === null) return this.int32(-1);
    this.int32(v.length);
    const at = this.room(v.length);
    v.copy(this.buf, at);
    return this;
  }

  /** Raw bytes with no length prefix (record batches inside a length written by the caller). */
  raw(v: Buffer): this {
    const at = this.room(v.length);
    v.copy(this.buf, at);
    return this;
  }

  array<T>(items: readonly T[] | null, write: (w: Writer, item: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const item of items) write(this, item);
    return this;
  }

  /** The bytes written so far (a view, not a copy). */
  finish(): Buffer {
    return this.buf.subarray(0, this.size);
  }
}
