/**
 * Seeded defects for proving that the chaos suite catches a broken pipeline. Test-only: chosen
 * by `K2_TEST_DEFECTS=name[,name]` in a service's environment at start, never on by default.
 * Each is a realistic bug, named for what it breaks.
 */
export const TEST_DEFECTS = {
  'gold-minutes-by-ingestion-time': 'the gold view buckets trades by ingestion time instead of trade time, so trades near a minute\'s edge land in the next minute',
  'feed-handler-skips-gap-fill': "the feed handler's REST gap fill finds nothing (a broken history client), so trades missed while it was down are given up as unrecoverable",
  'offload-split-commit': "the offload commits to Iceberg first and moves the watermark in a second transaction (K2 v2's commit order): a crash between the two leaves a committed window the next run writes again",
  'offload-watermark-before-upload': 'the offload moves the watermark when a run starts, before its files are stored and committed, so a run that dies mid-upload skips its window',
  'offload-skips-failed-window': 'a failed offload run moves the watermark past its window so the table is not stuck on it, giving up the rows it could not store',
  'broker-acks-before-append': "the broker acknowledges a produce (acks=all) at once and appends the records from a queue every 200 ms; a shutdown drops the queue",
  'feed-handler-drops-failed-batch': "the feed handler gives up a batch once kafkajs's own retries fail, instead of keeping it buffered until the broker takes it",
  'silver-dedupe-key-with-ingestion-time': "silver's ReplacingMergeTree key also holds the ingestion time, so a trade delivered twice is kept twice",
  'feed-handler-reconnects-only-on-error': 'the feed handler reconnects after a socket error but not when the exchange closes the connection, so a dropped feed stays down',
  'bronze-keeps-only-live-trades': "bronze's view keeps only messages from the live WebSocket feed, dropping the trades the handler filled through REST",
  'feed-handler-trusts-pongs': "the feed handler counts a pong as a live feed, so a hung exchange session that still answers pings is never dropped",
  'broker-acks-refused-writes': "the broker does not check its log writes: a produce the full disk refused is answered as written, so the producer lets go of records that were never stored",
  'clickhouse-commits-before-write': "ClickHouse 18.16's Kafka engine at its default: it commits a stream's offsets before its insert writes the blocks, so a write that fails (a full disk) or a kill in between loses them, from bronze and silver alike",
  'feed-handler-gives-up-fill-on-error': "the feed handler takes a failed REST history request for an empty history, so a gap it was filling while REST was down is given up as unrecoverable",
} as const;

export type TestDefect = keyof typeof TEST_DEFECTS;

/** The defects the environment selects; an unknown name is an error naming the known ones. */
export function selectedTestDefects(env: NodeJS.ProcessEnv = process.env): Set<TestDefect> {
  const names = (env.K2_TEST_DEFECTS ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  for (const name of names) {
    if (!(name in TEST_DEFECTS)) throw new Error(`K2_TEST_DEFECTS names an unknown defect "${name}"; known: ${Object.keys(TEST_DEFECTS).join(', ')}`);
  }
  return new Set(names as TestDefect[]);
}
