-- Catalog database of the reference stack: offload watermarks (K2's columns), the offload run
-- ledger, and the tables of Iceberg's JDBC catalog. Idempotent: safe to run on every start.

-- One row per offloaded table: everything at or before last_offload_timestamp is committed to
-- Iceberg. Moves only in the transaction that swaps the table's metadata_location.
CREATE TABLE IF NOT EXISTS offload_watermarks (
    table_name                TEXT PRIMARY KEY,
    last_offload_timestamp    TIMESTAMPTZ NOT NULL,
    last_offload_max_sequence BIGINT NOT NULL DEFAULT 0,
    last_offload_row_count    BIGINT NOT NULL DEFAULT 0,
    status                    TEXT NOT NULL DEFAULT 'initialized',
    last_successful_run       TIMESTAMPTZ,
    last_run_duration_seconds INTEGER,
    failure_count             INTEGER NOT NULL DEFAULT 0,
    last_error_message        TEXT,
    updated_at                TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every offload run, one per table per cycle. window_* stay NULL until the run has read its
-- watermark; snapshot_id is set only by the committing transaction.
CREATE TABLE IF NOT EXISTS offload_runs (
    id           UUID PRIMARY KEY,
    table_name   TEXT NOT NULL,
    trigger      TEXT NOT NULL DEFAULT 'schedule',
    state        TEXT NOT NULL CHECK (state IN ('SCHEDULED', 'RUNNING', 'COMPLETED', 'FAILED')),
    window_start TIMESTAMPTZ,
    window_end   TIMESTAMPTZ,
    row_count    BIGINT NOT NULL DEFAULT 0,
    file_count   INTEGER NOT NULL DEFAULT 0,
    snapshot_id  BIGINT,
    error        TEXT,
    worker_id    TEXT,
    scheduled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS offload_runs_table_state ON offload_runs (table_name, state);

-- Iceberg's JDBC catalog (the same tables Iceberg's JdbcCatalog creates), so Spark, Trino or
-- pyiceberg pointed at this database read the tables the offload commits.
CREATE TABLE IF NOT EXISTS iceberg_tables (
    catalog_name               VARCHAR(255) NOT NULL,
    table_namespace            VARCHAR(255) NOT NULL,
    table_name                 VARCHAR(255) NOT NULL,
    metadata_location          VARCHAR(1000),
    previous_metadata_location VARCHAR(1000),
    iceberg_type               VARCHAR(5),
    PRIMARY KEY (catalog_name, table_namespace, table_name)
);

CREATE TABLE IF NOT EXISTS iceberg_namespace_properties (
    catalog_name   VARCHAR(255) NOT NULL,
    namespace      VARCHAR(255) NOT NULL,
    property_key   VARCHAR(255) NOT NULL,
    property_value VARCHAR(1000),
    PRIMARY KEY (catalog_name, namespace, property_key)
);
