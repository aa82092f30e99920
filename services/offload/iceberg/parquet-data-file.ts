import { gzipSync } from 'node:zlib';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import type { ColumnValues } from '../source/row-binary-columns';
import { parquetSchemaFor, type IcebergSchema } from './iceberg-schema';

/** What a manifest entry records about a data file, besides its path. */
export interface DataFileStats {
  recordCount: number;
  fileSizeInBytes: number;
  valueCounts: Map<number, number>;
  nullValueCounts: Map<number, number>;
  /** Iceberg single-value serialization, for int/long/date/timestamptz columns. */
  lowerBounds: Map<number, Buffer>;
  upperBounds: Map<number, Buffer>;
}

export interface EncodedDataFile {
  bytes: Uint8Array;
  stats: DataFileStats;
}

const ROW_GROUP_ROWS = 250_000;

/**
 * Encodes rows `[from, to)` of the decoded columns as one Parquet file. GZIP at level 1 through
 * node's zlib: smaller than Snappy's pure-JS output and cheaper to produce.
 */
export function encodeDataFile(schema: IcebergSchema, columns: ColumnValues[], from: number, to: number): EncodedDataFile {
  const slices = columns.map((c) => (Array.isArray(c) ? c.slice(from, to) : c.subarray(from, to)) as ColumnValues);
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    schema: parquetSchemaFor(schema),
    columnData: schema.fields.map((f, i) => ({ name: f.name, data: slices[i]!, nullable: !f.required })),
    codec: 'GZIP',
    compressors: { GZIP: (input: Uint8Array) => gzipSync(input, { level: 1 }) },
    // Column bounds go into the manifest instead (computed below on typed arrays, much cheaper).
    statistics: false,
    rowGroupSize: ROW_GROUP_ROWS,
    createdBy: 'k2-chaos offload',
    kvMetadata: [{ key: 'iceberg.schema', value: JSON.stringify(schema) }],
  });
  const bytes = writer.getBytes();
  return { bytes, stats: statsFor(schema, slices, to - from, bytes.length) };
}

function statsFor(schema: IcebergSchema, slices: ColumnValues[], rows: number, size: number): DataFileStats {
  const stats: DataFileStats = { recordCount: rows, fileSizeInBytes: size, valueCounts: new Map(), nullValueCounts: new Map(), lowerBounds: new Map(), upperBounds: new Map() };
  schema.fields.forEach((field, i) => {
    const values = slices[i]!;
    const nulls = Array.isArray(values) ? values.reduce<number>((n, v) => (v === null ? n + 1 : n), 0) : 0;
    stats.valueCounts.set(field.id, rows);
    stats.nullValueCounts.set(field.id, nulls);
    if (rows === 0 || Array.isArray(values)) return;
    if (values instanceof BigInt64Array && (field.type === 'long' || field.type === 'timestamptz')) {
      const [min, max] = minMax(values);
      stats.lowerBounds.set(field.id, int64(min));
      stats.upperBounds.set(field.id, int64(max));
    } else if (values instanceof Int32Array && (field.type === 'int' || field.type === 'date')) {
      const [min, max] = minMax(values);
      stats.lowerBounds.set(field.id, int32(min));
      stats.upperBounds.set(field.id, int32(max));
    }
  });
  return stats;
}

/** Lowest and highest value of a non-empty typed column, in one pass. */
function minMax<T extends number | bigint>(values: ArrayLike<T>): [T, T] {
  let min = values[0]!;
  let max = min;
  for (let k = 1; k < values.length; k++) {
    const v = values[k]!;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return [min, max];
}

function int64(value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(value);
  return b;
}

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value);
  return b;
}
