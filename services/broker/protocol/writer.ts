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

  int8(v: number): this { this.buf.writeInt8(v, this.room(1)); return this; }
  int16(v: number): this { this.buf.writeInt16BE(v, this.room(2)); return this; }
  int32(v: number): this { this.buf.writeInt32BE(v, this.room(4)); return this; }
  int64(v: number): this { this.buf.writeBigInt64BE(BigInt(v), this.room(8)); return this; }
  boolean(v: boolean): this { return this.int8(v ? 1 : 0); }

  string(v: string | null): this {
    if (v === null) return this.int16(-1);
    const len = Buffer.byteLength(v);
    this.int16(len);
    this.buf.write(v, this.room(len), 'utf8');
    return this;
  }

  bytes(v: Buffer | null): this {
    if (v === null) return this.int32(-1);
    this.int32(v.length);
    v.copy(this.buf, this.room(v.length));
    return this;
  }

  /** Raw bytes with no length prefix (record batches inside a length written by the caller). */
  raw(v: Buffer): this {
    v.copy(this.buf, this.room(v.length));
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
