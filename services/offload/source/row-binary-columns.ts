import type { ColumnPlan } from './column-types';

/** Decoded values of one column, in the array type the Parquet writer takes. */
export type ColumnValues = BigInt64Array | Int32Array | Float32Array | Float64Array | Array<string | number | bigint | null>;

export interface DecodedColumns {
  rowCount: number;
  /** Same order as the plans. */
  values: ColumnValues[];
}

const MICROS_PER_SECOND = 1_000_000n;
const UTF8 = new TextDecoder();

/**
 * Decodes a ClickHouse RowBinary body into column arrays. Non-null numeric columns go straight
 * into typed arrays (no per-value objects), which is what keeps a million-row window fast.
 */
export function decodeRowBinary(body: Buffer, plans: ColumnPlan[]): DecodedColumns {
  const capacity = estimateRows(body.length, plans);
  let columns = plans.map((p) => allocate(p, capacity));
  let size = capacity;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let pos = 0;
  let row = 0;

  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = body[pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  };

  while (pos < body.length) {
    if (row === size) {
      size *= 2;
      columns = columns.map((c) => grow(c, size));
    }
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      const out = columns[i]!;
      if (plan.nullable && body[pos++] === 1) {
        (out as unknown[])[row] = null;
        continue;
      }
      let value: string | number | bigint;
      switch (plan.wire) {
        case 'u8': value = body[pos]!; pos += 1; break;
        case 'i8': value = view.getInt8(pos); pos += 1; break;
        case 'u16': value = view.getUint16(pos, true); pos += 2; break;
        case 'i16': value = view.getInt16(pos, true); pos += 2; break;
        case 'date': value = view.getUint16(pos, true); pos += 2; break;
        case 'i32': case 'dec32': value = view.getInt32(pos, true); pos += 4; break;
        case 'u32': value = BigInt(view.getUint32(pos, true)); pos += 4; break;
        case 'datetime': value = BigInt(view.getUint32(pos, true)) * MICROS_PER_SECOND; pos += 4; break;
        case 'u64': case 'i64': case 'dec64': value = view.getBigInt64(pos, true); pos += 8; break;
        case 'f32': value = view.getFloat32(pos, true); pos += 4; break;
        case 'f64': value = view.getFloat64(pos, true); pos += 8; break;
        case 'string': {
          const length = varint();
          value = length === 0 ? '' : body.toString('utf8', pos, pos + length);
          pos += length;
          break;
        }
        default: {
          const width = Number(plan.wire.slice('fixed'.length));
          let end = pos + width;
          while (end > pos && body[end - 1] === 0) end--;
          value = UTF8.decode(body.subarray(pos, end));
          pos += width;
        }
      }
      (out as unknown[])[row] = value;
    }
    row++;
    if (pos > body.length) throw new Error(`RowBinary body ends inside row ${row}: the column plan does not match the query result`);
  }
  return { rowCount: row, values: columns.map((c) => trim(c, row)) };
}

function estimateRows(bytes: number, plans: ColumnPlan[]): number {
  const perRow = plans.reduce((sum, p) => sum + (p.wire === 'string' ? 8 : 4), 0);
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
