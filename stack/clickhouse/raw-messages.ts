import type { Exchange } from '../../src/stack/names';

/** How one exchange's raw topic message maps onto the common bronze columns. */
export interface RawMessageShape {
  /**
   * Columns of the Kafka engine table, one per JSON field a message may carry. JSONEachRow on
   * ClickHouse 18.16 rejects a message with an undeclared field (and there is no
   * kafka_skip_broken_messages to step over it), so every field the feed handler may write is
   * declared; fields a message lacks take the column default. Numbers arrive quoted or bare:
   * JSONEachRow reads both into numeric columns.
   */
  kafkaColumns: ReadonlyArray<readonly [name: string, type: string]>;
  /** SQL expressions over the Kafka columns for each bronze column. */
  bronze: {
    tradeId: string;
    symbol: string;
    price: string;
    quantity: string;
    /** Taker side, `buy` or `sell`. */
    side: string;
    /** Exchange trade time in milliseconds since the epoch (UTC). */
    exchangeTimeMs: string;
  };
  /** SQL over the bronze `symbol` column giving `BASE/QUOTE` (BTCUSDT, XBT/USD, BTC-USD -> BTC/USDT, BTC/USD, BTC/USD). */
  canonicalSymbol: string;
}

/** Milliseconds since the epoch from an RFC 3339 time with optional fraction ("...T07:49:37.708706Z"). */
function rfc3339Ms(column: string): string {
  const fraction = `extract(${column}, '\\\\.([0-9]+)')`;
  return `toUInt64(parseDateTimeBestEffort(${column})) * 1000 + toUInt64OrZero(substring(concat(${fraction}, '000'), 1, 3))`;
}

/** Binance glues base and quote together: split on the longest known quote asset. */
const BINANCE_QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'EUR', 'TRY', 'BTC', 'ETH', 'BNB'];

function binanceCanonical(): string {
  const branches = BINANCE_QUOTES.map(
    (quote) => `endsWith(symbol, '${quote}') AND length(symbol) > ${quote.length}, concat(substring(symbol, 1, length(symbol) - ${quote.length}), '/${quote}')`,
  );
  return `multiIf(${branches.join(', ')}, symbol)`;
}

/** Binance's `<symbol>@trade` event exactly as the exchange sends it. */
const BINANCE: RawMessageShape = {
  kafkaColumns: [
    ['e', 'String'], ['E', 'UInt64'], ['s', 'String'], ['t', 'UInt64'], ['p', 'Float64'],
    ['q', 'Float64'], ['T', 'UInt64'], ['m', 'UInt8'], ['M', 'UInt8'],
  ],
  bronze: {
    tradeId: 't',
    symbol: 's',
    price: 'p',
    quantity: 'q',
    // m: the buyer was the maker, so the taker sold.
    side: "if(m = 1, 'sell', 'buy')",
    exchangeTimeMs: 'T',
  },
  canonicalSymbol: binanceCanonical(),
};

/** One element of a Kraken v2 `trade` channel message's `data` array. */
const KRAKEN: RawMessageShape = {
  kafkaColumns: [
    ['symbol', 'String'], ['side', 'String'], ['price', 'Float64'], ['qty', 'Float64'],
    ['ord_type', 'String'], ['trade_id', 'UInt64'], ['timestamp', 'String'],
  ],
  bronze: {
    tradeId: 'trade_id',
    symbol: 'symbol',
    price: 'price',
    quantity: 'qty',
    side: 'lower(side)',
    exchangeTimeMs: rfc3339Ms('timestamp'),
  },
  // Kraken's v1 spelling of bitcoin still shows up in some pairs.
  canonicalSymbol: "replaceRegexpOne(symbol, '^XBT/', 'BTC/')",
};

/** One trade of a Coinbase Advanced Trade `market_trades` event (its `trade_id` is a decimal string). */
const COINBASE: RawMessageShape = {
  kafkaColumns: [
    ['trade_id', 'UInt64'], ['product_id', 'String'], ['price', 'Float64'], ['size', 'Float64'],
    ['side', 'String'], ['time', 'String'],
  ],
  bronze: {
    tradeId: 'trade_id',
    symbol: 'product_id',
    price: 'price',
    quantity: 'size',
    side: 'lower(side)',
    exchangeTimeMs: rfc3339Ms('time'),
  },
  canonicalSymbol: "replaceOne(symbol, '-', '/')",
};

/** The raw message shape per exchange: what the feed handler writes to `market.crypto.trades.<exchange>.raw`. */
export const RAW_MESSAGE_SHAPES: Record<Exchange, RawMessageShape> = {
  binance: BINANCE,
  kraken: KRAKEN,
  coinbase: COINBASE,
};
