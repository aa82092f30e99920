import type { ClickHouseClient } from '@clickhouse/client';
import { utcDateTime, type RawTradeMessage } from '../../services/feed-handler/trade-message';
import type { Exchange } from '../../src/stack/names';

/** One symbol per exchange, in each exchange's own spelling. */
export const TEST_SYMBOLS: Record<Exchange, string> = { binance: 'ETHUSDT', kraken: 'ETH/USD', coinbase: 'ETH-USD' };
const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);

/** The message a feed handler produces for trade `id` (10 ms apart from T0), as the Kafka tables read it. */
export function rawTrade(exchange: Exchange, id: number): RawTradeMessage {
  const timeMs = T0 + id * 10;
  const price = 3_400 + (id % 7);
  return {
    exchange, symbol: TEST_SYMBOLS[exchange], trade_id: id, price, quantity: 0.5, side: id % 2 ? 'buy' : 'sell',
    is_buyer_maker: id % 2 ? 0 : 1, exchange_ts_ms: timeMs, exchange_time: utcDateTime(timeMs), received_ts_ms: timeMs + 3,
    source: 'ws', price_text: String(price), quantity_text: '0.50000000', raw: `{"t":${id}}`,
  };
}

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
