/**
 * First key of the two-key Postgres advisory lock a run (and maintenance) holds per table; the
 * second is `hashtext(table)`. Session-level, so a worker that dies releases it with its connection.
 */
export const tableLockKey = 8_192_025;
