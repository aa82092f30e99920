import type { Exchange } from '../../src/stack/names';

/**
 * The fields of the feed handler's raw trade message (`RawTradeMessage` in
 * services/feed-handler/trade-message.ts), as columns of the Kafka engine table. JSONEachRow on
 * ClickHouse 18.16 rejects a message with an undeclared field (and there is no
 * kafka_skip_broken_messages to step over it), so every field is declared, even those bronze does
 * not keep; a field a message lacks takes the column default.
 */
export const RAW_TRADE_COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = [
  ['exchange', 'String'],
  ['symbol', 'String'],
  ['trade_id', 'UInt64'],
  ['price', 'Float64'],
  ['quantity', 'Float64'],
  ['side', 'String'],
  ['is_buyer_maker', 'UInt8'],
  ['exchange_ts_ms', 'UInt64'],
  // Kept as text: a time that fails to parse would stall an 18.16 consumer; bronze derives its
  // DateTime from exchange_ts_ms instead.
  ['exchange_time', 'String'],
  ['received_ts_ms', 'UInt64'],
  ['source', 'String'],
  ['price_text', 'String'],
  ['quantity_text', 'String'],
  ['raw', 'String'],
];

/** Binance glues base and quote together: split on the longest known quote asset. */
const BINANCE_QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'EUR', 'TRY', 'BTC', 'ETH', 'BNB'];

function binanceCanonical(): string {
  const branches = BINANCE_QUOTES.map(
    (quote) => `endsWith(symbol, '${quote}') AND length(symbol) > ${quote.length}, concat(substring(symbol, 1, length(symbol) - ${quote.length}), '/${quote}')`,
  );
  return `multiIf(${branches.join(', ')}, symbol)`;
}

/**
 * SQL over the exchange's `symbol` giving `BASE/QUOTE`: BTCUSDT -> BTC/USDT, XBT/USD -> BTC/USD
 * (Kraken's v1 spelling of bitcoin), BTC-USD -> BTC/USD.
 */
export const CANONICAL_SYMBOL_SQL: Record<Exchange, string> = {
  binance: binanceCanonical(),
  kraken: "replaceRegexpOne(symbol, '^XBT/', 'BTC/')",
  coinbase: "replaceOne(symbol, '-', '/')",
};
