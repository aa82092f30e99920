import pg from 'pg';
import type { OffloadConfig } from './offload-config';
import { tableLocation } from './offload-config';
import type { WarehouseStore } from './warehouse-store';
import { loadMetadataLocation } from './iceberg/jdbc-catalog';
import { decodeManifest, decodeManifestList } from './iceberg/manifest-files';
import type { TableMetadata } from './iceberg/table-metadata';
import { tableLockKey } from './table-lock';

export interface OrphanReport {
  table: string;
  /** Objects under the table's location that the committed metadata references. */
  referenced: number;
  /** Object keys removed (or that would be, in a dry run). */
  orphans: string[];
  /** Set when the table was skipped, e.g. because a run holds its lock. */
  skipped?: string;
}

/**
 * Every object key the table's committed metadata reaches: metadata files (current and logged),
 * manifest lists, manifests and data files of all snapshots.
 */
export async function referencedKeys(store: WarehouseStore, metadataLocation: string | null): Promise<Set<string>> {
  const keys = new Set<string>();
  if (!metadataLocation) return keys;
  keys.add(store.keyOf(metadataLocation));
  const metadata = JSON.parse((await store.get(metadataLocation)).toString('utf8')) as TableMetadata;
  for (const entry of metadata['metadata-log']) keys.add(store.keyOf(entry['metadata-file']));
  const manifests = new Set<string>();
  for (const snapshot of metadata.snapshots) {
    keys.add(store.keyOf(snapshot['manifest-list']));
    for (const m of await decodeManifestList(await store.get(snapshot['manifest-list']))) manifests.add(m.manifest_path);
  }
  for (const path of manifests) {
    keys.add(store.keyOf(path));
    for (const entry of await decodeManifest(await store.get(path))) keys.add(store.keyOf(entry.data_file.file_path));
  }
  return keys;
}

/**
 * Removes the files that crashed or failed runs left under each table's location. Holds the
 * table's offload lock meanwhile, so the files of a run in progress are never taken.
 */
export async function removeOrphanFiles(config: OffloadConfig, store: WarehouseStore, options: { dryRun: boolean; minAgeMs: number }): Promise<OrphanReport[]> {
  const reports: OrphanReport[] = [];
  const client = new pg.Client({ ...config.postgres, connectionTimeoutMillis: config.callTimeoutMs });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const table of config.tables) {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [tableLockKey, table]);
      if (!rows[0]?.locked) {
        reports.push({ table, referenced: 0, orphans: [], skipped: 'an offload run holds the table lock' });
        continue;
      }
      try {
        const metadataLocation = await loadMetadataLocation(client, { catalog: config.catalog, namespace: config.namespace, name: table });
        const referenced = await referencedKeys(store, metadataLocation);
        const cutoff = Date.now() - options.minAgeMs;
        const objects = await store.list(`${tableLocation(config, table)}/`);
        const orphans = objects.filter((o) => !referenced.has(o.key) && o.lastModified.getTime() <= cutoff).map((o) => o.key);
        if (!options.dryRun && orphans.length) await store.remove(orphans);
        reports.push({ table, referenced: referenced.size, orphans });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [tableLockKey, table]);
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return reports;
}
