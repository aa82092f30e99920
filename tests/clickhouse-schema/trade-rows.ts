import type { ClickHouseClient } from '@clickhouse/client';
import type { Exchange } from '../../src/stack/names';

/** A bronze row as the Kafka view writes it, for inserting by hand. */
export interface BronzeRow {
  trade_id: number;
  symbol: string;
  price: number;
  quantity: number;
  side: 'buy' | 'sell';
  exchange_time_ms: number;
}

export function bronzeRow(symbol: string, id: number, timeMs: number, price = 100 + id, quantity = 1): BronzeRow {
  return { trade_id: id, symbol, price, quantity, side: id % 2 ? 'buy' : 'sell', exchange_time_ms: timeMs };
}

/**
 * Inserts into `k2.bronze_trades_<exchange>_mv`: on both dialects an insert into the view lands in
 * bronze and fires everything downstream, like a block from the Kafka engine does.
 */
export async function insertBronze(client: ClickHouseClient, exchange: Exchange, rows: BronzeRow[]): Promise<void> {
  await client.insert({
    table: `k2.bronze_trades_${exchange}_mv`,
    format: 'JSONEachRow',
    values: rows.map((r) => ({
      ...r,
      exchange_time: new Date(r.exchange_time_ms).toISOString().slice(0, 19).replace('T', ' '),
      received_ts_ms: r.exchange_time_ms,
      source: 'ws',
      raw: '{}',
    })),
  });
}

export async function queryRows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  const result = await client.query({ query, format: 'JSONEachRow' });
  return (await result.json()) as T[];
}
