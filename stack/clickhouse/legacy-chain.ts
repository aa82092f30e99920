import type { ClickHouseClient } from '@clickhouse/client';
import type { Exchange } from '../../src/stack/names';
import type { SchemaNames } from './schema-names';
import { sqlString } from './sql-text';

/**
 * True when one exchange's 18.16 chain is whole: its Kafka table (a Kafka engine, not the
 * stand-in) reads `brokers`, and the bronze, silver and gold views all exist.
 */
export async function legacyChainInPlace(client: ClickHouseClient, names: SchemaNames, exchange: Exchange, brokers: string[], maxBlockSize?: number): Promise<boolean> {
  const wanted = [names.kafkaTables[exchange], names.bronzeViews[exchange], names.silverViews[exchange], names.goldViews[exchange]];
  const result = await client.query({
    query: `SELECT name, engine FROM system.tables WHERE database = ${sqlString(names.database)} AND name IN (${wanted.map(sqlString).join(', ')})`,
    format: 'JSONEachRow',
  });
  const rows = (await result.json()) as Array<{ name: string; engine: string }>;
  const engines = new Map(rows.map((r) => [r.name, r.engine]));
  if (engines.get(names.kafkaTables[exchange]) !== 'Kafka' || !wanted.every((n) => engines.has(n))) return false;
  const show = await client.query({ query: `SHOW CREATE TABLE ${names.database}.${names.kafkaTables[exchange]}`, format: 'TabSeparatedRaw' });
  const ddl = await show.text();
  const sameBlock = maxBlockSize === undefined ? !ddl.includes('kafka_max_block_size') : ddl.includes(`kafka_max_block_size = ${maxBlockSize}`);
  return ddl.includes(`kafka_broker_list = ${sqlString(brokers.join(','))}`) && sameBlock;
}
