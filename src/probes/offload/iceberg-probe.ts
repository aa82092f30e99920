import type { PostgresQueries } from './postgres-queries';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import avro from 'avsc';
import { parquetReadObjects } from 'hyparquet';
import { Client } from 'minio';
import type { StackEndpoints } from '../../targets/endpoints';

/** Where an Iceberg table is registered: Iceberg's JDBC catalog in Postgres, files on S3. */
export interface IcebergTableRef {
  catalog: string;
  namespace: string;
  table: string;
}

export interface IcebergSnapshotInfo {
  /** As text: Iceberg snapshot ids are 64-bit. */
  snapshotId: string;
  parentId: string | null;
  sequenceNumber: number;
  timestampMs: number;
  operation: string;
  summary: Record<string, string>;
  manifestList: string;
  /** The offload run that committed it, when the writer recorded one (`k2.run-id`). */
  runId?: string;
  /** End of the offloaded window (`k2.window-end`), unix ms. */
  windowEndMs?: number;
}

export interface IcebergTableView {
  ref: IcebergTableRef;
  /** Null when the catalog has no such table (nothing committed yet). */
  metadataLocation: string | null;
  currentSnapshotId: string | null;
  snapshots: IcebergSnapshotInfo[];
}

interface Metadata {
  'current-snapshot-id'?: number | null;
  snapshots?: Array<{ 'snapshot-id': number; 'parent-snapshot-id'?: number; 'sequence-number'?: number; 'timestamp-ms': number; 'manifest-list': string; summary: Record<string, string> }>;
}

/**
 * A read-only Iceberg reader for probes: catalog pointer from Postgres, then metadata, manifest
 * lists, manifests and Parquet data files from the object store. Written independently of the
 * offload's writer so that the two check each other.
 */
export class IcebergProbe {
  private readonly s3: Client;

  constructor(private readonly postgres: PostgresQueries, private readonly objectStore: StackEndpoints['objectStore']) {
    const { endPoint, port, useSSL, accessKey, secretKey, region } = objectStore;
    this.s3 = new Client({ endPoint, port, useSSL, accessKey, secretKey, region, pathStyle: true });
  }

  async snapshots(ref: IcebergTableRef): Promise<IcebergTableView> {
    const { rows } = await this.postgres.query<{ metadata_location: string | null }>(
      'SELECT metadata_location FROM iceberg_tables WHERE catalog_name = $1 AND table_namespace = $2 AND table_name = $3',
      [ref.catalog, ref.namespace, ref.table]);
    const metadataLocation = rows[0]?.metadata_location ?? null;
    if (!metadataLocation) return { ref, metadataLocation: null, currentSnapshotId: null, snapshots: [] };
    const metadata = JSON.parse((await this.get(metadataLocation)).toString('utf8')) as Metadata;
    const current = metadata['current-snapshot-id'];
    return {
      ref,
      metadataLocation,
      currentSnapshotId: current === undefined || current === null || current < 0 ? null : String(current),
      snapshots: (metadata.snapshots ?? []).map((s) => ({
        snapshotId: String(s['snapshot-id']),
        parentId: s['parent-snapshot-id'] === undefined ? null : String(s['parent-snapshot-id']),
        sequenceNumber: s['sequence-number'] ?? 0,
        timestampMs: s['timestamp-ms'],
        operation: s.summary.operation ?? '',
        summary: s.summary,
        manifestList: s['manifest-list'],
        ...(s.summary['k2.run-id'] ? { runId: s.summary['k2.run-id'] } : {}),
        ...(s.summary['k2.window-end'] ? { windowEndMs: Date.parse(s.summary['k2.window-end']) } : {}),
      })),
    };
  }

  /** The rows of the current snapshot, only `columns`. Delete files are not supported (the offload writes none). */
  async rows(ref: IcebergTableRef, columns: string[]): Promise<Array<Record<string, unknown>>> {
    const view = await this.snapshots(ref);
    const snapshot = view.snapshots.find((s) => s.snapshotId === view.currentSnapshotId);
    if (!snapshot) return [];
    const out: Array<Record<string, unknown>> = [];
    for (const manifest of await this.avroRecords<{ manifest_path: string; content?: number }>(snapshot.manifestList)) {
      if ((manifest.content ?? 0) !== 0) throw new Error(`${ref.namespace}.${ref.table} has delete manifests, which this probe does not apply`);
      for (const entry of await this.avroRecords<{ status: number; data_file: { file_path: string; content?: number } }>(manifest.manifest_path)) {
        if (entry.status === 2) continue;
        const bytes = await this.get(entry.data_file.file_path);
        const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        const rows = await parquetReadObjects({ file, columns, compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) } });
        // One by one: spreading a file of a few hundred thousand rows into push() overflows the stack.
        for (const row of rows) out.push(row);
      }
    }
    return out;
  }

  /** Row keys of the current snapshot, `a|b` of the key columns' values as text (e.g. symbol|trade_id). */
  async rowKeys(ref: IcebergTableRef, keyColumns: string[]): Promise<string[]> {
    return (await this.rows(ref, keyColumns)).map((r) => keyColumns.map((c) => String(r[c])).join('|'));
  }

  private async avroRecords<T>(uri: string): Promise<T[]> {
    const decoder = new avro.streams.BlockDecoder();
    const records: T[] = [];
    const bytes = await this.get(uri);
    await new Promise<void>((resolve, reject) => {
      decoder.on('data', (r: T) => records.push(r));
      decoder.on('end', resolve);
      decoder.on('error', reject);
      Readable.from([bytes]).pipe(decoder);
    });
    return records;
  }

  private async get(uri: string): Promise<Buffer> {
    const match = /^s3a?:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!match) throw new Error(`not an s3:// URI: ${uri}`);
    const stream = await this.s3.getObject(match[1]!, match[2]!);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
