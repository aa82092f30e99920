import type pg from 'pg';

/** A table in Iceberg's JDBC catalog (`iceberg_tables`). */
export interface TableIdentifier {
  catalog: string;
  namespace: string;
  name: string;
}

export async function loadMetadataLocation(client: pg.ClientBase, id: TableIdentifier): Promise<string | null> {
  const { rows } = await client.query<{ metadata_location: string | null }>(
    `SELECT metadata_location FROM iceberg_tables WHERE catalog_name = $1 AND table_namespace = $2 AND table_name = $3`,
    [id.catalog, id.namespace, id.name]);
  return rows[0]?.metadata_location ?? null;
}

/**
 * Compare-and-set of the table's metadata pointer, as Iceberg's JdbcCatalog commits: succeeds
 * only if the pointer is still `expected` (null: the table does not exist yet). Returns false on
 * a lost race; the caller rolls back.
 */
export async function swapMetadataLocation(client: pg.ClientBase, id: TableIdentifier, expected: string | null, next: string): Promise<boolean> {
  if (expected === null) {
    const inserted = await client.query(
      `INSERT INTO iceberg_tables (catalog_name, table_namespace, table_name, metadata_location, previous_metadata_location, iceberg_type)
       VALUES ($1, $2, $3, $4, NULL, 'TABLE') ON CONFLICT DO NOTHING`, [id.catalog, id.namespace, id.name, next]);
    return inserted.rowCount === 1;
  }
  const updated = await client.query(
    `UPDATE iceberg_tables SET metadata_location = $4, previous_metadata_location = $5
      WHERE catalog_name = $1 AND table_namespace = $2 AND table_name = $3 AND metadata_location = $5`,
    [id.catalog, id.namespace, id.name, next, expected]);
  return updated.rowCount === 1;
}
