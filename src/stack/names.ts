/** The exchanges of the reference pipeline, in the seed's order. */
export const EXCHANGES = ['binance', 'kraken', 'coinbase'] as const;
export type Exchange = (typeof EXCHANGES)[number];

/** What a service is for; faults and probes address services by role through the manifest. */
export type Role = 'broker' | 'olap' | 'objectStore' | 'catalogDb' | 'feedHandler' | 'exchange' | 'offload';

/** K2's raw topic for one exchange. */
export const rawTopic = (exchange: Exchange): string => `market.crypto.trades.${exchange}.raw`;
/** Where a feed handler sends exchange messages it could not parse. */
export const dlqTopic = (exchange: Exchange): string => `market.crypto.trades.${exchange}.dlq`;
/** K2's ClickHouse consumer group for one exchange's raw topic. */
export const bronzeConsumerGroup = (exchange: Exchange): string => `clickhouse_bronze_${exchange}`;

export function isExchange(value: string): value is Exchange {
  return (EXCHANGES as readonly string[]).includes(value);
}
