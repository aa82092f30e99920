import type { StackManifest } from '../../src/manifest/manifest';
import { EXCHANGES, type Exchange } from '../../src/stack/names';
import { sqlIdentifier } from './sql-text';

/** Every name the DDL uses, taken from a manifest and checked once. */
export interface SchemaNames {
  database: string;
  bronzeTables: Record<Exchange, string>;
  bronzeTradeId: string;
  silverTable: string;
  silverTradeId: string;
  goldTable: string;
  rawTopics: Record<Exchange, string>;
  consumerGroups: Record<Exchange, string>;
  /** Kafka engine table per exchange (not in the manifest: nothing outside the schema reads it). */
  kafkaTables: Record<Exchange, string>;
  /** Kafka table -> bronze view per exchange. */
  bronzeViews: Record<Exchange, string>;
  /** Bronze -> silver view per exchange. */
  silverViews: Record<Exchange, string>;
  /** Silver -> gold view. */
  goldView: string;
  /** Silver -> gold views per exchange where views chain through views (18.16). */
  goldViews: Record<Exchange, string>;
  /** Finalised gold: plain numbers for readers. */
  goldReadView: string;
}

function perExchange(make: (exchange: Exchange) => string): Record<Exchange, string> {
  return Object.fromEntries(EXCHANGES.map((e) => [e, make(e)])) as Record<Exchange, string>;
}

export function schemaNames(manifest: StackManifest): SchemaNames {
  const ch = manifest.clickhouse;
  const at = (path: string) => `manifest ${manifest.name}: clickhouse.${path}`;
  const bronzeTables = perExchange((e) => sqlIdentifier(ch.bronzeTables[e], at(`bronzeTables.${e}`)));
  const silverTable = sqlIdentifier(ch.silverTable, at('silverTable'));
  const goldTable = sqlIdentifier(ch.goldTable, at('goldTable'));
  return {
    database: sqlIdentifier(ch.database, at('database')),
    bronzeTables,
    bronzeTradeId: sqlIdentifier(ch.tradeIdColumn.bronze, at('tradeIdColumn.bronze')),
    silverTable,
    silverTradeId: sqlIdentifier(ch.tradeIdColumn.silver, at('tradeIdColumn.silver')),
    goldTable,
    rawTopics: perExchange((e) => nonEmpty(manifest.kafka.rawTopics[e], `manifest ${manifest.name}: kafka.rawTopics.${e}`)),
    consumerGroups: perExchange((e) => nonEmpty(manifest.kafka.consumerGroups[e], `manifest ${manifest.name}: kafka.consumerGroups.${e}`)),
    kafkaTables: perExchange((e) => `kafka_${bronzeTables[e]}`),
    bronzeViews: perExchange((e) => `${bronzeTables[e]}_mv`),
    silverViews: perExchange((e) => `${silverTable}_${e}_mv`),
    goldView: `${goldTable}_mv`,
    goldViews: perExchange((e) => `${goldTable}_${e}_mv`),
    goldReadView: `${goldTable}_final`,
  };
}

function nonEmpty(value: string | undefined, what: string): string {
  if (!value) throw new Error(`${what} is missing or empty`);
  return value;
}
