import type { DataFileStats } from './parquet-data-file';
import type { IcebergSchema } from './iceberg-schema';
import { decodeAvroContainer, encodeAvroContainer } from './avro-container';

/** An Avro map with int keys, as Iceberg writes it: an array of key/value records. */
const intMap = (fieldId: number, keyId: number, valueId: number, value: 'long' | 'bytes') => ({
  name: '', 'field-id': fieldId, default: null,
  type: ['null', { type: 'array', logicalType: 'map', items: { type: 'record', name: `k${keyId}_v${valueId}`, fields: [
    { name: 'key', type: 'int', 'field-id': keyId },
    { name: 'value', type: value, 'field-id': valueId },
  ] } }],
});

/** Iceberg v2 `manifest_entry` (spec: "Manifests"), unpartitioned. */
const MANIFEST_ENTRY_SCHEMA = {
  type: 'record', name: 'manifest_entry', fields: [
    { name: 'status', type: 'int', 'field-id': 0 },
    { name: 'snapshot_id', type: ['null', 'long'], default: null, 'field-id': 1 },
    { name: 'sequence_number', type: ['null', 'long'], default: null, 'field-id': 3 },
    { name: 'file_sequence_number', type: ['null', 'long'], default: null, 'field-id': 4 },
    { name: 'data_file', 'field-id': 2, type: { type: 'record', name: 'r2', fields: [
      { name: 'content', type: 'int', 'field-id': 134 },
      { name: 'file_path', type: 'string', 'field-id': 100 },
      { name: 'file_format', type: 'string', 'field-id': 101 },
      { name: 'partition', type: { type: 'record', name: 'r102', fields: [] }, 'field-id': 102 },
      { name: 'record_count', type: 'long', 'field-id': 103 },
      { name: 'file_size_in_bytes', type: 'long', 'field-id': 104 },
      { ...intMap(109, 119, 120, 'long'), name: 'value_counts' },
      { ...intMap(110, 121, 122, 'long'), name: 'null_value_counts' },
      { ...intMap(125, 126, 127, 'bytes'), name: 'lower_bounds' },
      { ...intMap(128, 129, 130, 'bytes'), name: 'upper_bounds' },
      { name: 'key_metadata', type: ['null', 'bytes'], default: null, 'field-id': 131 },
      { name: 'split_offsets', type: ['null', { type: 'array', items: 'long', 'element-id': 133 }], default: null, 'field-id': 132 },
      { name: 'sort_order_id', type: ['null', 'int'], default: null, 'field-id': 140 },
    ] } },
  ],
};

/** Iceberg v2 `manifest_file` (spec: "Manifest Lists"). */
const MANIFEST_FILE_SCHEMA = {
  type: 'record', name: 'manifest_file', fields: [
    { name: 'manifest_path', type: 'string', 'field-id': 500 },
    { name: 'manifest_length', type: 'long', 'field-id': 501 },
    { name: 'partition_spec_id', type: 'int', 'field-id': 502 },
    { name: 'content', type: 'int', 'field-id': 517 },
    { name: 'sequence_number', type: 'long', 'field-id': 515 },
    { name: 'min_sequence_number', type: 'long', 'field-id': 516 },
    { name: 'added_snapshot_id', type: 'long', 'field-id': 503 },
    { name: 'added_files_count', type: 'int', 'field-id': 504 },
    { name: 'existing_files_count', type: 'int', 'field-id': 505 },
    { name: 'deleted_files_count', type: 'int', 'field-id': 506 },
    { name: 'added_rows_count', type: 'long', 'field-id': 512 },
    { name: 'existing_rows_count', type: 'long', 'field-id': 513 },
    { name: 'deleted_rows_count', type: 'long', 'field-id': 514 },
    { name: 'partitions', type: ['null', { type: 'array', 'element-id': 508, items: { type: 'record', name: 'r508', fields: [
      { name: 'contains_null', type: 'boolean', 'field-id': 509 },
      { name: 'contains_nan', type: ['null', 'boolean'], default: null, 'field-id': 518 },
      { name: 'lower_bound', type: ['null', 'bytes'], default: null, 'field-id': 510 },
      { name: 'upper_bound', type: ['null', 'bytes'], default: null, 'field-id': 511 },
    ] } }], default: null, 'field-id': 507 },
    { name: 'key_metadata', type: ['null', 'bytes'], default: null, 'field-id': 519 },
  ],
};

export interface ManifestFile {
  manifest_path: string;
  manifest_length: number;
  partition_spec_id: number;
  content: number;
  sequence_number: number;
  min_sequence_number: number;
  added_snapshot_id: number;
  added_files_count: number;
  existing_files_count: number;
  deleted_files_count: number;
  added_rows_count: number;
  existing_rows_count: number;
  deleted_rows_count: number;
  partitions: null;
  key_metadata: null;
}

export interface ManifestEntry {
  status: number;
  snapshot_id: number | null;
  sequence_number: number | null;
  file_sequence_number: number | null;
  data_file: { content: number; file_path: string; file_format: string; record_count: number; file_size_in_bytes: number };
}

export interface NewDataFile {
  path: string;
  stats: DataFileStats;
}

const toPairs = (m: Map<number, number | Buffer>) => (m.size ? [...m].map(([key, value]) => ({ key, value })) : null);

/** A data manifest adding `files` in snapshot `snapshotId`; sequence numbers are inherited from the manifest list. */
export function encodeManifest(schema: IcebergSchema, snapshotId: number, files: NewDataFile[]): Promise<Buffer> {
  const entries = files.map((f) => ({
    status: 1,
    snapshot_id: snapshotId,
    sequence_number: null,
    file_sequence_number: null,
    data_file: {
      content: 0, file_path: f.path, file_format: 'PARQUET', partition: {},
      record_count: f.stats.recordCount, file_size_in_bytes: f.stats.fileSizeInBytes,
      value_counts: toPairs(f.stats.valueCounts), null_value_counts: toPairs(f.stats.nullValueCounts),
      lower_bounds: toPairs(f.stats.lowerBounds), upper_bounds: toPairs(f.stats.upperBounds),
      key_metadata: null, split_offsets: null, sort_order_id: null,
    },
  }));
  return encodeAvroContainer(MANIFEST_ENTRY_SCHEMA, entries, {
    schema: JSON.stringify(schema),
    'schema-id': String(schema['schema-id']),
    'partition-spec': '[]',
    'partition-spec-id': '0',
    'format-version': '2',
    content: 'data',
  });
}

/** The manifest list of a snapshot: the parent's manifests plus the new one. */
export function encodeManifestList(snapshotId: number, parentId: number | null, sequenceNumber: number, manifests: ManifestFile[]): Promise<Buffer> {
  return encodeAvroContainer(MANIFEST_FILE_SCHEMA, manifests, {
    'snapshot-id': String(snapshotId),
    'parent-snapshot-id': parentId === null ? 'null' : String(parentId),
    'sequence-number': String(sequenceNumber),
    'format-version': '2',
  });
}

export async function decodeManifestList(bytes: Buffer): Promise<ManifestFile[]> {
  return (await decodeAvroContainer<ManifestFile>(bytes)).records;
}

export async function decodeManifest(bytes: Buffer): Promise<ManifestEntry[]> {
  return (await decodeAvroContainer<ManifestEntry>(bytes)).records;
}
