import type { ColumnPlan } from './column-types';

/**
 * Decoded values of one column, in the array type the Parquet writer takes. Text stays UTF-8
 * bytes (views into the response body): the Parquet writer wants bytes anyway.
 */
export type ColumnValues = BigInt64Array | Int32Array | Float32Array | Float64Array | Array<Uint8Array | number | bigint | null>;

export interface DecodedColumns {
  rowCount: number;
  /** Same order as the plans. */
  values: ColumnValues[];
}

const MICROS_PER_SECOND = 1_000_000;
const YIELD_EVERY_ROWS_MASK = 0xffff;
const TWO_32 = 2 ** 32;

/** Reads one value at the cursor into row `row` of its column. */
type ValueReader = (row: number) => void;

/**
 * Decodes a ClickHouse RowBinary body into column arrays. Each column gets a reader specialised
 * to its type, and 64-bit values are copied as two 32-bit words, so a million-row window
 * allocates no per-value objects except for nullable columns.
 */
export async function decodeRowBinary(body: Buffer, plans: ColumnPlan[]): Promise<DecodedColumns> {
  let capacity = estimateRows(body.length, plans);
  const state = { pos: 0 };
  const columns: ColumnValues[] = plans.map((p) => allocate(p, capacity));
  let readers = plans.map((p, i) => readerFor(p, () => columns[i]!, body, state));
  let row = 0;
  while (state.pos < body.length) {
    if (row === capacity) {
      capacity *= 2;
      for (let i = 0; i < columns.length; i++) columns[i] = grow(columns[i]!, capacity);
      readers = plans.map((p, i) => readerFor(p, () => columns[i]!, body, state));
    }
    for (let i = 0; i < readers.length; i++) readers[i]!(row);
    row++;
    // Let the worker answer /status while a large window decodes.
    if ((row & YIELD_EVERY_ROWS_MASK) === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (state.pos > body.length) throw new Error(`RowBinary body ends inside row ${row}: the column plan does not match the query result`);
  return { rowCount: row, values: columns.map((c) => trim(c, row)) };
}

function readerFor(plan: ColumnPlan, column: () => ColumnValues, body: Buffer, s: { pos: number }): ValueReader {
  const value = plainReader(plan, body, s);
  const out = column();
  if (plan.nullable) {
    const list = out as unknown[];
    return (row) => {
      if (body[s.pos++] === 1) list[row] = null;
      else list[row] = value.boxed();
    };
  }
  if (out instanceof BigInt64Array) {
    const words = new Uint32Array(out.buffer, out.byteOffset, out.length * 2);
    return (row) => value.words(words, row * 2);
  }
  if (out instanceof Int32Array || out instanceof Float32Array || out instanceof Float64Array) {
    return (row) => { out[row] = value.number(); };
  }
  const list = out as unknown[];
  return (row) => { list[row] = value.boxed(); };
}

interface PlainReader {
  /** The value as JS: number, bigint or UTF-8 bytes. */
  boxed(): number | bigint | Uint8Array;
  number(): number;
  /** Writes a 64-bit value as little-endian words at `at`. */
  words(target: Uint32Array, at: number): void;
}

function plainReader(plan: ColumnPlan, body: Buffer, s: { pos: number }): PlainReader {
  // DataView reads compile to plain loads; Buffer's readXxx methods add checks per call.
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const num = (read: () => number): PlainReader => ({ boxed: read, number: read, words: () => { throw new Error('not 64-bit'); } });
  const wide = (lo: () => number, hi: () => number, width: number): PlainReader => ({
    boxed: () => { const v = dv.getBigInt64(s.pos, true); s.pos += width; return width === 4 ? BigInt(Number(v) >>> 0) : v; },
    number: () => { throw new Error('64-bit'); },
    words: (t, at) => { t[at] = lo(); t[at + 1] = hi(); s.pos += width; },
  });
  switch (plan.wire) {
    case 'u8': return num(() => body[s.pos++]!);
    case 'i8': return num(() => dv.getInt8(s.pos++));
    case 'u16': case 'date': return num(() => { const v = dv.getUint16(s.pos, true); s.pos += 2; return v; });
    case 'i16': return num(() => { const v = dv.getInt16(s.pos, true); s.pos += 2; return v; });
    case 'i32': case 'dec32': return num(() => { const v = dv.getInt32(s.pos, true); s.pos += 4; return v; });
    case 'f32': return num(() => { const v = dv.getFloat32(s.pos, true); s.pos += 4; return v; });
    case 'f64': return num(() => { const v = dv.getFloat64(s.pos, true); s.pos += 8; return v; });
    case 'u64': case 'i64': case 'dec64':
      return wide(() => dv.getUint32(s.pos, true), () => dv.getUint32(s.pos + 4, true), 8);
    case 'u32': return {
      boxed: () => { const v = dv.getUint32(s.pos, true); s.pos += 4; return BigInt(v); },
      number: () => { throw new Error('64-bit'); },
      words: (t, at) => { t[at] = dv.getUint32(s.pos, true); t[at + 1] = 0; s.pos += 4; },
    };
    case 'datetime': return {
      boxed: () => { const v = dv.getUint32(s.pos, true); s.pos += 4; return BigInt(v) * 1_000_000n; },
      number: () => { throw new Error('64-bit'); },
      words: (t, at) => {
        const micros = dv.getUint32(s.pos, true) * MICROS_PER_SECOND;
        s.pos += 4;
        t[at] = micros % TWO_32;
        t[at + 1] = Math.floor(micros / TWO_32);
      },
    };
    case 'string': {
      const intern = new StringInterner(body);
      return { boxed: () => readString(body, s, intern), number: () => { throw new Error('string'); }, words: () => { throw new Error('string'); } };
    }
    default: {
      const width = Number(plan.wire.slice('fixed'.length));
      const read = () => {
        let end = s.pos + width;
        while (end > s.pos && body[end - 1] === 0) end--;
        const v = new Uint8Array(body.buffer, body.byteOffset + s.pos, end - s.pos);
        s.pos += width;
        return v;
      };
      return { boxed: read, number: () => { throw new Error('string'); }, words: () => { throw new Error('string'); } };
    }
  }
}

/**
 * Hands out one view per distinct short value (symbols, sides, sources repeat on every row):
 * allocating a typed array per value is most of the decoding cost.
 */
class StringInterner {
  private readonly views = new Map<number, Uint8Array>();
  constructor(private readonly body: Buffer) {}

  view(start: number, length: number): Uint8Array {
    const body = this.body;
    if (length > 32 || this.views.size > 4_096) return new Uint8Array(body.buffer, body.byteOffset + start, length);
    let h = 0x811c9dc5 ^ length;
    for (let i = start; i < start + length; i++) h = Math.imul(h ^ body[i]!, 0x01000193);
    const hit = this.views.get(h);
    if (hit && hit.length === length && equalAt(hit, body, start)) return hit;
    const fresh = new Uint8Array(body.buffer, body.byteOffset + start, length);
    if (!hit) this.views.set(h, fresh);
    return fresh;
  }
}

function equalAt(a: Uint8Array, body: Buffer, start: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== body[start + i]) return false;
  return true;
}

function readString(body: Buffer, s: { pos: number }, intern: StringInterner): Uint8Array {
  let length = 0;
  let shift = 0;
  for (;;) {
    const byte = body[s.pos++]!;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
    shift += 7;
  }
  const v = intern.view(s.pos, length);
  s.pos += length;
  return v;
}

const WIDTH: Partial<Record<string, number>> = { u8: 1, i8: 1, u16: 2, i16: 2, date: 2, u32: 4, i32: 4, dec32: 4, f32: 4, datetime: 4, u64: 8, i64: 8, dec64: 8, f64: 8 };

/** An upper bound on the row count (text counted as 8 bytes), so the arrays rarely grow. */
function estimateRows(bytes: number, plans: ColumnPlan[]): number {
  const perRow = plans.reduce((sum, p) => sum + (p.nullable ? 1 : 0) + (WIDTH[p.wire] ?? 8), 0);
  return Math.max(16, Math.ceil(bytes / Math.max(perRow, 1)));
}

function allocate(plan: ColumnPlan, n: number): ColumnValues {
  if (plan.nullable) return [];
  switch (plan.wire) {
    case 'u64': case 'i64': case 'u32': case 'dec64': case 'datetime': return new BigInt64Array(n);
    case 'u8': case 'i8': case 'u16': case 'i16': case 'i32': case 'dec32': case 'date': return new Int32Array(n);
    case 'f32': return new Float32Array(n);
    case 'f64': return new Float64Array(n);
    default: return [];
  }
}

function grow(values: ColumnValues, n: number): ColumnValues {
  if (Array.isArray(values)) return values;
  const bigger = new (values.constructor as new (n: number) => typeof values)(n);
  (bigger as Float64Array).set(values as Float64Array);
  return bigger;
}

function trim(values: ColumnValues, n: number): ColumnValues {
  if (Array.isArray(values)) {
    values.length = n;
    return values;
  }
  return values.subarray(0, n) as ColumnValues;
}
