/** Thrown when a request body cannot be decoded; the connection that sent it is closed. */
export class MalformedRequestError extends Error {
  override name = 'MalformedRequestError';
}

/**
 * Cursor over one request body. Every read checks bounds so that a truncated or hostile frame
 * fails with MalformedRequestError instead of reading garbage or allocating huge arrays.
 */
export class Reader {
  offset: number;

  constructor(readonly buf: Buffer, offset = 0) {
    this.offset = offset;
  }

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  private need(n: number): number {
    if (n < 0 || this.offset + n > this.buf.length) {
      throw new MalformedRequestError(`needs ${n} bytes at position ${this.offset}, ${this.remaining} left`);
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  int8(): number { return this.buf.readInt8(this.need(1)); }
  int16(): number { return this.buf.readInt16BE(this.need(2)); }
  int32(): number { return this.buf.readInt32BE(this.need(4)); }
  uint32(): number { return this.buf.readUInt32BE(this.need(4)); }
  int64(): number { return Number(this.buf.readBigInt64BE(this.need(8))); }
  boolean(): boolean { return this.int8() !== 0; }

  string(): string {
    const value = this.nullableString();
    if (value === null) throw new MalformedRequestError(`null string at position ${this.offset - 2}`);
    return value;
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    const at = this.need(len);
    return this.buf.toString('utf8', at, at + len);
  }

  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len < 0) return null;
    const at = this.need(len);
    return this.buf.subarray(at, at + len);
  }

  bytes(): Buffer {
    return this.nullableBytes() ?? Buffer.alloc(0);
  }

  /** An array; null (length -1) reads as null. Each element takes at least one byte, which bounds the length. */
  nullableArray<T>(item: (r: Reader) => T): T[] | null {
    const len = this.int32();
    if (len < 0) return null;
    if (len > this.remaining) throw new MalformedRequestError(`array of ${len} items with ${this.remaining} bytes left`);
    const out: T[] = [];
    for (let i = 0; i < len; i++) out.push(item(this));
    return out;
  }

  array<T>(item: (r: Reader) => T): T[] {
    return this.nullableArray(item) ?? [];
  }
}
