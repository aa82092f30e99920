// Kept only because bench/offload.ts imports this path; the helper itself is tests/support/private-clickhouse.
export { startPrivateClickHouse as startClickHouse } from '../../support/private-clickhouse';
