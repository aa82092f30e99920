import { EXCHANGES } from '../../stack/names';
import type { ServiceState } from '../../targets/started-stack';
import type { PreflightCheckName, StackManifest } from '../manifest';
import { manifestServices, selectRoles } from '../manifest-services';
import { describeMissing } from './describe-missing';

/** The first name preflight could not find, and in which group. */
export interface PreflightProblem {
  check: PreflightCheckName;
  message: string;
}

/** One network of the stack and the services attached to it. */
export interface NetworkFacts {
  name: string;
  members: string[];
}

/** What ClickHouse shows for the manifest's database. */
export interface ClickhouseFacts {
  databases: string[];
  /** Tables in the manifest's database (empty when the database is missing). */
  tables: string[];
  /** Columns per table in that database. */
  columns: Record<string, string[]>;
}

/** What Postgres shows: the tables of the connected database and the watermark table's columns. */
export interface WatermarkFacts {
  tables: string[];
  columns: string[];
}

const problem = (check: PreflightCheckName, message: string): PreflightProblem => ({ check, message });

/** Every service the manifest names (of `roles`, when given) exists; `where` names the stack in the message. */
export function compareServices(
  manifest: StackManifest,
  existing: readonly string[],
  roles?: readonly string[],
  where = 'the stack',
): PreflightProblem | undefined {
  for (const { role, service } of selectRoles(manifest, roles)) {
    if (!existing.includes(service)) return problem('services', describeMissing(`service (${role})`, service, where, existing));
  }
  return undefined;
}

/** A named service is running and not paused (a paused service passes no health check). */
export function compareServiceState(role: string, service: string, state: ServiceState): PreflightProblem | undefined {
  if (!state.running) return problem('services', `service "${service}" (${role}) is not running`);
  if (state.paused) return problem('services', `service "${service}" (${role}) is paused`);
  return undefined;
}

/** The manifest's network exists and every named service is attached to it. */
export function compareNetwork(manifest: StackManifest, networks: readonly NetworkFacts[], roles?: readonly string[]): PreflightProblem | undefined {
  const where = manifest.project ? 'the project' : 'the stack';
  const network = networks.find((n) => n.name === manifest.network);
  if (!network) return problem('network', describeMissing('network', manifest.network, where, networks.map((n) => n.name)));
  for (const { role, service } of selectRoles(manifest, roles)) {
    if (!network.members.includes(service)) {
      const elsewhere = networks.filter((n) => n.members.includes(service)).map((n) => `"${n.name}"`);
      const on = elsewhere.length ? `it is on ${elsewhere.join(', ')}` : 'it is on no network of the project';
      return problem('network', `service "${service}" (${role}) is not on network "${manifest.network}"; ${on}`);
    }
  }
  return undefined;
}

/** Network check where the target reports attachment per service only (embedded). */
export function compareConnected(manifest: StackManifest, connected: Readonly<Record<string, boolean>>): PreflightProblem | undefined {
  for (const { role, service } of manifestServices(manifest)) {
    if (connected[service] === false) return problem('network', `service "${service}" (${role}) is not on network "${manifest.network}"`);
  }
  return undefined;
}

/** Database, bronze/silver/gold tables, and the trade id columns the ledger counts by. */
export function compareClickhouse(manifest: StackManifest, facts: ClickhouseFacts): PreflightProblem | undefined {
  const { database, bronzeTables, silverTable, goldTable, tradeIdColumn } = manifest.clickhouse;
  if (!facts.databases.includes(database)) return problem('clickhouse', describeMissing('ClickHouse database', database, 'the server', facts.databases));
  const wanted: Array<{ table: string; column?: string }> = [
    ...EXCHANGES.map((e) => ({ table: bronzeTables[e], column: tradeIdColumn.bronze })),
    { table: silverTable, column: tradeIdColumn.silver },
    { table: goldTable },
  ];
  for (const { table, column } of wanted) {
    if (!facts.tables.includes(table)) {
      return problem('clickhouse', describeMissing('ClickHouse table', `${database}.${table}`, `database "${database}"`, facts.tables.map((t) => `${database}.${t}`)));
    }
    const columns = facts.columns[table] ?? [];
    if (column && !columns.includes(column)) return problem('clickhouse', describeMissing('column', column, `table ${database}.${table}`, columns));
  }
  return undefined;
}

/** Raw topics, and DLQ topics when the manifest names them. */
export function compareTopics(manifest: StackManifest, topics: readonly string[]): PreflightProblem | undefined {
  const visible = topics.filter((t) => !t.startsWith('_') && !t.startsWith('__'));
  const wanted = [...EXCHANGES.map((e) => manifest.kafka.rawTopics[e]), ...(manifest.kafka.dlqTopics ? EXCHANGES.map((e) => manifest.kafka.dlqTopics![e]) : [])];
  for (const topic of wanted) {
    if (!topics.includes(topic)) return problem('topics', describeMissing('topic', topic, 'the broker', visible));
  }
  return undefined;
}

/** The watermark table exists and has every column the manifest names. */
export function compareWatermarks(manifest: StackManifest, facts: WatermarkFacts): PreflightProblem | undefined {
  const { table, columns } = manifest.watermarks;
  if (!facts.tables.includes(table)) return problem('watermarks', describeMissing('watermark table', table, 'the database', facts.tables));
  for (const column of Object.values(columns)) {
    if (!facts.columns.includes(column)) return problem('watermarks', describeMissing('column', column, `table ${table}`, facts.columns));
  }
  return undefined;
}

/** The object-store bucket exists. */
export function compareBucket(manifest: StackManifest, buckets: readonly string[]): PreflightProblem | undefined {
  const { bucket } = manifest.objectStore;
  return buckets.includes(bucket) ? undefined : problem('bucket', describeMissing('bucket', bucket, 'the object store', buckets));
}
