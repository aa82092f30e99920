import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** The DDL of `schema.sql`, read once; the compose stack mounts the same file as an init script. */
export const POSTGRES_SCHEMA_SQL = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');

/**
 * Creates the offload watermarks, the run ledger and Iceberg's JDBC catalog tables if missing.
 * Idempotent; an advisory lock makes concurrent callers (worker and test) wait for each other
 * instead of racing on CREATE TABLE IF NOT EXISTS, which Postgres does not make atomic.
 */
export async function applyPostgresSchema(client: pg.Client): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(8192024)');
    await client.query(POSTGRES_SCHEMA_SQL);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
