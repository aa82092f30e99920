import type { Exchange } from '../../src/stack/names';

/** Base assets in the order `--symbols N` takes them; beyond the list, synthetic names follow. */
const BASES = ['BTC', 'ETH', 'SOL', 'XRP', 'ADA', 'DOGE', 'AVAX', 'DOT', 'LINK', 'LTC', 'BCH', 'ATOM', 'UNI', 'XLM', 'ETC', 'FIL', 'NEAR', 'APT', 'ARB', 'OP'] as const;

/** How many symbols a simulator serves when `--symbols` is not given. */
export const DEFAULT_SIM_SYMBOLS = 3;

/** The base asset of the `index`-th simulated symbol (`SIM21`, `SIM22`, ... past the named ones). */
export function simBase(index: number): string {
  return BASES[index] ?? `SIM${index + 1}`;
}

/** One symbol in the exchange's own spelling: Binance `BTCUSDT`, Kraken v2 `BTC/USD`, Coinbase `BTC-USD`. */
export function exchangeSymbol(exchange: Exchange, base: string): string {
  switch (exchange) {
    case 'binance': return `${base}USDT`;
    case 'kraken': return `${base}/USD`;
    case 'coinbase': return `${base}-USD`;
  }
}

/** The symbols a simulator started with `--symbols n` serves, in order. */
export function simSymbols(exchange: Exchange, n: number): string[] {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`symbol count must be a positive integer, got ${n}`);
  return Array.from({ length: n }, (_, i) => exchangeSymbol(exchange, simBase(i)));
}

/** Where each exchange's WebSocket feed lives on its real host, mirrored by the simulator. */
const WS_PATHS: Record<Exchange, string> = { binance: '/ws', kraken: '/v2', coinbase: '/' };

/**
 * The URLs of a simulator listening on `host:port`. `restUrl` is the API base the way the real
 * exchange's is (`https://api.binance.com`), so a feed handler appends the same paths to either.
 */
export function exchangeUrls(exchange: Exchange, host: string, port: number): { wsUrl: string; restUrl: string; controlUrl: string } {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    wsUrl: `ws://${h}:${port}${WS_PATHS[exchange]}`,
    restUrl: `http://${h}:${port}`,
    controlUrl: `http://${h}:${port}/control`,
  };
}
