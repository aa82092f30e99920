import { expect, test } from '@playwright/test';
import { EXCHANGES, type Exchange } from '../../src/stack/names';
import { startExchangeSim } from '../../services/exchange-sim/exchange-sim';
import { binanceWire } from '../../services/exchange-sim/wire/binance';
import { coinbaseWire } from '../../services/exchange-sim/wire/coinbase';
import { krakenWire } from '../../services/exchange-sim/wire/kraken';
import { MALFORMED_KINDS, type WireFormat } from '../../services/exchange-sim/wire/wire-format';
import { ADAPTERS } from '../../services/feed-handler/feed-handler';

const WIRES: Record<Exchange, WireFormat> = { binance: binanceWire, kraken: krakenWire, coinbase: coinbaseWire };
const TRADE = { id: 41, price: '65000.10', quantity: '0.01000000', buyerIsMaker: true, timeMs: 1_795_894_851_083 };

for (const exchange of EXCHANGES) {
  test(`${exchange}: parses the feed's trade messages into exact fields`, () => {
    const symbol = { binance: 'BTCUSDT', kraken: 'BTC/USD', coinbase: 'BTC-USD' }[exchange];
    const [message] = WIRES[exchange].tradeMessages(symbol, [TRADE, { ...TRADE, id: 42, buyerIsMaker: false }], false);
    const texts = exchange === 'binance' ? WIRES[exchange].tradeMessages(symbol, [TRADE, { ...TRADE, id: 42, buyerIsMaker: false }], false) : [message!];
    const result = texts.map((t) => ADAPTERS[exchange].parse(exchange === 'coinbase' ? WIRES[exchange].stamp({ sequence: 3 }, t) : t));
    const trades = result.flatMap((r) => r.trades);
    expect(result.flatMap((r) => r.rejected)).toEqual([]);
    expect(trades.map(({ raw: _raw, ...t }) => t)).toEqual([
      { symbol, tradeId: 41, price: 65000.1, quantity: 0.01, priceText: exchange === 'kraken' ? '65000.1' : '65000.10', quantityText: exchange === 'kraken' ? '0.01' : '0.01000000', buyerIsMaker: true, exchangeTsMs: TRADE.timeMs },
      { symbol, tradeId: 42, price: 65000.1, quantity: 0.01, priceText: exchange === 'kraken' ? '65000.1' : '65000.10', quantityText: exchange === 'kraken' ? '0.01' : '0.01000000', buyerIsMaker: false, exchangeTsMs: TRADE.timeMs },
    ]);
    for (const t of trades) expect(JSON.parse(t.raw)).toBeTruthy();
  });

  test(`${exchange}: every malformed kind is rejected with a reason naming the problem`, () => {
    for (const kind of MALFORMED_KINDS) {
      const text = WIRES[exchange].malformed(kind, 'BTC', Date.now());
      const result = ADAPTERS[exchange].parse(text);
      expect(result.trades, kind).toEqual([]);
      expect(result.rejected.length, kind).toBeGreaterThan(0);
      expect(result.rejected[0]!.reason, kind).toMatch(kind === 'bad-json' ? /invalid JSON/ : /expected/);
    }
  });

  test(`${exchange}: acks, heartbeats and status messages are neither trades nor rejects`, async () => {
    await using sim = await startExchangeSim({ exchange, host: '127.0.0.1', port: 0, seed: 1, symbols: 1, ratePerSymbol: 1 });
    const control = [
      ...WIRES[exchange].greeting(),
      ...WIRES[exchange].onClientMessage(ADAPTERS[exchange].subscribeMessages(sim.symbols)[0]!, sim.symbols).replies,
      ...(WIRES[exchange].heartbeat ? [WIRES[exchange].heartbeat!(sim.symbols)!] : []),
    ].map((m) => WIRES[exchange].stamp({ sequence: 0 }, m));
    expect(control.length).toBeGreaterThan(0);
    for (const text of control) expect(ADAPTERS[exchange].parse(text), text).toEqual({ trades: [], rejected: [] });
  });
}

test('a Kraken or Coinbase message with one bad trade keeps the good ones and rejects only the bad one', () => {
  const kraken = ADAPTERS.kraken.parse('{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":1.5,"qty":2,"ord_type":"market","trade_id":7,"timestamp":"2026-01-01T00:00:00.000000Z"},{"symbol":"BTC/USD","side":"buy","price":-1,"qty":2,"ord_type":"market","trade_id":8,"timestamp":"2026-01-01T00:00:00.000000Z"}]}');
  expect(kraken.trades.map((t) => t.tradeId)).toEqual([7]);
  expect(kraken.rejected.map((r) => r.reason)).toEqual(['trade: price: expected a positive decimal, got -1']);
  const coinbase = ADAPTERS.coinbase.parse('{"channel":"market_trades","events":[{"type":"update","trades":[{"trade_id":"9","product_id":"BTC-USD","price":"1.0","size":"1.0","side":"BUY","time":"2026-01-01T00:00:00Z"},{"trade_id":"10","product_id":"BTC-USD","price":"1.0","size":"1.0","side":"UP","time":"2026-01-01T00:00:00Z"}]}]}');
  expect(coinbase.trades.map((t) => t.tradeId)).toEqual([9]);
  expect(coinbase.rejected[0]!.reason).toContain('side: expected one of BUY|SELL');
});

test('exchange error replies are reported, not traded', () => {
  expect(ADAPTERS.binance.parse('{"error":{"code":2,"msg":"Invalid request"},"id":1}').exchangeError).toContain('Invalid request');
  expect(ADAPTERS.kraken.parse('{"error":"Currency pair not supported X","method":"subscribe","success":false}').exchangeError).toContain('not supported');
  expect(ADAPTERS.coinbase.parse('{"type":"error","message":"bad product"}').exchangeError).toBe('bad product');
});

test('Coinbase\'s side is the maker\'s (Advanced Trade docs, market_trades): BUY means the buyer rested', () => {
  const trade = (side: string) => ADAPTERS.coinbase.parse(`{"channel":"market_trades","events":[{"type":"update","trades":[{"trade_id":"9","product_id":"BTC-USD","price":"1.0","size":"1.0","side":"${side}","time":"2026-01-01T00:00:00Z"}]}]}`).trades[0]!;
  expect(trade('BUY').buyerIsMaker).toBe(true);
  expect(trade('SELL').buyerIsMaker).toBe(false);
});
