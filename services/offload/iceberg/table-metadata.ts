import { randomUUID } from 'node:crypto';
import type { IcebergSchema } from './iceberg-schema';

export interface Snapshot {
  'snapshot-id': number;
  'parent-snapshot-id'?: number;
  'sequence-number': number;
  'timestamp-ms': number;
  'manifest-list': string;
  summary: Record<string, string> & { operation: string };
  'schema-id': number;
}

/** Iceberg v2 table metadata (spec: "Table Metadata"), the fields this offload writes. */
export interface TableMetadata {
  'format-version': 2;
  'table-uuid': string;
  location: string;
  'last-sequence-number': number;
  'last-updated-ms': number;
  'last-column-id': number;
  'current-schema-id': number;
  schemas: IcebergSchema[];
  'default-spec-id': number;
  'partition-specs': Array<{ 'spec-id': number; fields: unknown[] }>;
  'last-partition-id': number;
  'default-sort-order-id': number;
  'sort-orders': Array<{ 'order-id': number; fields: unknown[] }>;
  properties: Record<string, string>;
  'current-snapshot-id': number;
  refs: Record<string, { 'snapshot-id': number; type: 'branch' }>;
  snapshots: Snapshot[];
  'snapshot-log': Array<{ 'timestamp-ms': number; 'snapshot-id': number }>;
  'metadata-log': Array<{ 'timestamp-ms': number; 'metadata-file': string }>;
}

/** Metadata of a table that has no snapshot yet (never stored on its own: the first commit adds one). */
export function newTableMetadata(location: string, schema: IcebergSchema, nowMs: number): TableMetadata {
  return {
    'format-version': 2,
    'table-uuid': randomUUID(),
    location,
    'last-sequence-number': 0,
    'last-updated-ms': nowMs,
    'last-column-id': Math.max(0, ...schema.fields.map((f) => f.id)),
    'current-schema-id': schema['schema-id'],
    schemas: [schema],
    'default-spec-id': 0,
    'partition-specs': [{ 'spec-id': 0, fields: [] }],
    // Partition field ids start at 1000, so an unpartitioned table's last id is 999.
    'last-partition-id': 999,
    'default-sort-order-id': 0,
    'sort-orders': [{ 'order-id': 0, fields: [] }],
    properties: { 'write.format.default': 'parquet', 'write.parquet.compression-codec': 'gzip' },
    'current-snapshot-id': -1,
    refs: {},
    snapshots: [],
    'snapshot-log': [],
    'metadata-log': [],
  };
}

/** The current schema, or an error when the metadata does not name one it holds. */
export function currentSchema(metadata: TableMetadata): IcebergSchema {
  const schema = metadata.schemas.find((s) => s['schema-id'] === metadata['current-schema-id']);
  if (!schema) throw new Error(`table metadata of ${metadata.location} has no schema ${metadata['current-schema-id']}`);
  return schema;
}

export function currentSnapshot(metadata: TableMetadata): Snapshot | undefined {
  return metadata.snapshots.find((s) => s['snapshot-id'] === metadata['current-snapshot-id']);
}

/**
 * The next metadata version: `snapshot` appended and made current on `main`, the previous
 * metadata file recorded in the metadata log.
 */
export function withAppendedSnapshot(previous: TableMetadata, previousFile: string | null, snapshot: Snapshot): TableMetadata {
  return {
    ...previous,
    'last-sequence-number': snapshot['sequence-number'],
    'last-updated-ms': snapshot['timestamp-ms'],
    'current-snapshot-id': snapshot['snapshot-id'],
    refs: { ...previous.refs, main: { 'snapshot-id': snapshot['snapshot-id'], type: 'branch' } },
    snapshots: [...previous.snapshots, snapshot],
    'snapshot-log': [...previous['snapshot-log'], { 'timestamp-ms': snapshot['timestamp-ms'], 'snapshot-id': snapshot['snapshot-id'] }],
    'metadata-log': previousFile
      ? [...previous['metadata-log'], { 'timestamp-ms': previous['last-updated-ms'], 'metadata-file': previousFile }]
      : previous['metadata-log'],
  };
}

/** `<location>/metadata/00007-<id>.metadata.json`: the version counts up from the previous file's. */
export function metadataFileName(location: string, previousFile: string | null, id: string): string {
  const previousVersion = previousFile ? Number(/\/(\d+)-[^/]*\.metadata\.json$/.exec(previousFile)?.[1] ?? 0) : 0;
  return `${location}/metadata/${String(previousVersion + 1).padStart(5, '0')}-${id}.metadata.json`;
}

/** A positive snapshot id below 2^53, so it stays exact in JSON readers and avsc longs. */
export function newSnapshotId(): number {
  return Math.floor(Math.random() * (2 ** 53 - 2)) + 1;
}
