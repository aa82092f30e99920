import type pg from 'pg';

/**
 * What the offload probes and checks need of Postgres: queries. A pool satisfies it as well as a
 * client, and a pool reconnects after Postgres restarts, which a single client does not.
 */
export type PostgresQueries = Pick<pg.ClientBase, 'query'>;
