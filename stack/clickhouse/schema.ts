import type { ClickHouseClient } from '@clickhouse/client';
import type { StackManifest } from '../../src/manifest/manifest';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { EXCHANGES, type Exchange } from '../../src/stack/names';
import { legacyChainInPlace } from './legacy-chain';
import { bronzeTableDdl, bronzeViewDdl, kafkaStandInDdl, kafkaTableDdl } from './bronze-ddl';
import { goldReadViewDdl, goldTableDdl, goldViewDdls } from './gold-ddl';
import { schemaNames } from './schema-names';
import { silverTableDdl, silverViewDdl } from './silver-ddl';

/** Differences between the ClickHouse versions the schema supports (18.16 and 24.x). */
export interface ServerDialect {
  /** The Kafka engine has `_partition` and `_offset` (not on 18.16: the columns stay NULL). */
  kafkaVirtualColumns: boolean;
  /**
   * A view's insert into its TO table does not fire that table's views, only views over the view
   * itself (18.16). Then each view reads from the view above it, and the Kafka table is swapped in
   * last, so a stack start drops and re-creates it (it holds no data; offsets live in the broker).
   */
  legacyChaining: boolean;
}

/** The compose stack's ClickHouse 24.x. */
export const MODERN_DIALECT: ServerDialect = { kafkaVirtualColumns: true, legacyChaining: false };
/** Debian's ClickHouse 18.16, used by the embedded stack. */
export const LEGACY_DIALECT: ServerDialect = { kafkaVirtualColumns: false, legacyChaining: true };

export interface ClickHouseSchemaOptions {
  /** Bootstrap servers as ClickHouse itself reaches them (not necessarily as the test process does). */
  brokers: string[];
  /** Names to use; the reference manifest when absent. */
  manifest?: StackManifest;
  /** Server differences; MODERN_DIALECT when absent. `applyClickHouseSchema` asks the server. */
  dialect?: ServerDialect;
  /**
   * Rows per block a Kafka table collects before it writes to its views. ClickHouse 18.16 only
   * ends a block when it is full or when a poll finds nothing, so under a steady trickle a large
   * block is never written: size it to about a second of one exchange's trades.
   */
  kafkaMaxBlockSize?: number;
  /** Test-only seeded defects (`K2_TEST_DEFECTS`); none in production. */
  testDefects?: ReadonlySet<string>;
}

const goldMinuteColumn = (options: ClickHouseSchemaOptions) =>
  (options.testDefects?.has('gold-minutes-by-ingestion-time') ? 'ingestion_timestamp' : 'timestamp');

/** The statements shared by all exchanges, then each exchange's own, in order. */
interface SchemaPlan {
  common: string[];
  perExchange: Record<Exchange, string[]>;
}

function schemaPlan(options: ClickHouseSchemaOptions): SchemaPlan {
  const brokers = options.brokers;
  if (!Array.isArray(brokers) || brokers.length === 0) throw new Error('clickhouse schema: brokers must list at least one host:port');
  const block = options.kafkaMaxBlockSize;
  if (block !== undefined && !(Number.isInteger(block) && block > 0)) throw new Error(`clickhouse schema: kafkaMaxBlockSize must be a positive integer, got ${block}`);
  for (const b of brokers) {
    if (!/^[^\s,'\\]+:\d{1,5}$/.test(b)) throw new Error(`clickhouse schema: broker ${JSON.stringify(b)} is not host:port`);
  }
  const names = schemaNames(options.manifest ?? REFERENCE_MANIFEST);
  const { kafkaVirtualColumns, legacyChaining } = options.dialect ?? MODERN_DIALECT;
  const onlyLive = options.testDefects?.has('bronze-keeps-only-live-trades') ?? false;
  const common = [
    `CREATE DATABASE IF NOT EXISTS ${names.database}`,
    silverTableDdl(names, options.testDefects?.has('silver-dedupe-key-with-ingestion-time')),
    goldTableDdl(names),
    goldReadViewDdl(names),
    ...EXCHANGES.map((e) => bronzeTableDdl(names, e)),
  ];
  const perExchange = {} as Record<Exchange, string[]>;
  if (!legacyChaining) {
    common.push(...goldViewDdls(names, false, goldMinuteColumn(options)));
    for (const e of EXCHANGES) {
      perExchange[e] = [silverViewDdl(names, e, false), kafkaTableDdl(names, e, brokers, options.kafkaMaxBlockSize), bronzeViewDdl(names, e, kafkaVirtualColumns, onlyLive)];
    }
    return { common, perExchange };
  }
  const goldViews = goldViewDdls(names, true, goldMinuteColumn(options));
  EXCHANGES.forEach((e, i) => {
    const kafkaTable = `${names.database}.${names.kafkaTables[e]}`;
    perExchange[e] = [
      `DROP TABLE IF EXISTS ${kafkaTable}`,
      kafkaStandInDdl(names, e),
      bronzeViewDdl(names, e, kafkaVirtualColumns, onlyLive),
      silverViewDdl(names, e, true),
      goldViews[i]!,
      `DROP TABLE IF EXISTS ${kafkaTable}`,
      kafkaTableDdl(names, e, brokers, options.kafkaMaxBlockSize),
    ];
  });
  return { common, perExchange };
}

/**
 * The DDL of database, bronze, silver and gold, in dependency order: every table exists before a
 * view writes into it, and each exchange's Kafka table comes after the whole chain below it, so
 * nothing is consumed into a half-built chain. On the modern dialect every statement is
 * `CREATE ... IF NOT EXISTS`; on the legacy one the Kafka table is re-created (see ServerDialect).
 */
export function clickhouseSchemaStatements(options: ClickHouseSchemaOptions): string[] {
  const plan = schemaPlan(options);
  return [...plan.common, ...EXCHANGES.flatMap((e) => plan.perExchange[e])];
}

/** The first ClickHouse major version treated as modern (Kafka virtual columns, chaining through tables). */
const FIRST_MODERN_MAJOR = 19;

/**
 * Applies the schema for the server's dialect; safe at every stack start. On the legacy dialect an
 * exchange whose chain is complete and whose Kafka table reads the same brokers is left alone, so
 * re-applying after a ClickHouse restart does not interrupt its consumer.
 */
export async function applyClickHouseSchema(client: ClickHouseClient, options: ClickHouseSchemaOptions): Promise<void> {
  const dialect = options.dialect ?? (await serverDialect(client));
  const plan = schemaPlan({ ...options, dialect });
  const names = schemaNames(options.manifest ?? REFERENCE_MANIFEST);
  const queries = [...plan.common];
  for (const e of EXCHANGES) {
    if (!dialect.legacyChaining || !(await legacyChainInPlace(client, names, e, options.brokers, options.kafkaMaxBlockSize))) queries.push(...plan.perExchange[e]);
  }
  for (const query of queries) {
    try {
      await client.command({ query });
    } catch (error) {
      const first = query.split('\n', 1)[0];
      throw new Error(`clickhouse schema: "${first}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The dialect of a running server, from its version. */
export async function serverDialect(client: ClickHouseClient): Promise<ServerDialect> {
  const result = await client.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' });
  const rows = (await result.json()) as Array<{ v: string }>;
  const major = Number.parseInt(rows[0]?.v ?? '', 10);
  if (!Number.isFinite(major)) throw new Error(`clickhouse schema: cannot read the server version from ${JSON.stringify(rows)}`);
  return major >= FIRST_MODERN_MAJOR ? MODERN_DIALECT : LEGACY_DIALECT;
}
