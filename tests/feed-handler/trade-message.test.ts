import { expect, test } from '@playwright/test';
import type { ParsedTrade } from '../../services/feed-handler/exchanges/parsed-trade';
import { rawTradeJson, utcDateTime, type RawTradeMessage } from '../../services/feed-handler/trade-message';

const trade = (over: Partial<ParsedTrade> = {}): ParsedTrade => ({
  symbol: 'BTC/USD', tradeId: 9_007_199_254_740_991, price: 65_000.1, quantity: 1e-7, priceText: '65000.10', quantityText: '0.00000010',
  buyerIsMaker: true, exchangeTsMs: 1_795_894_851_083, raw: '{"p":"65000.10","note":"quote \\" and \\\\ and \\n"}', ...over,
});

test('the hand-written JSON equals the RawTradeMessage object, key for key and in order', () => {
  for (const t of [trade(), trade({ symbol: 'WE"IRD\\SYM\u2028', buyerIsMaker: false, raw: '' })]) {
    const expected: RawTradeMessage = {
      exchange: 'kraken', symbol: t.symbol, trade_id: t.tradeId, price: t.price, quantity: t.quantity, side: t.buyerIsMaker ? 'sell' : 'buy',
      is_buyer_maker: t.buyerIsMaker ? 1 : 0, exchange_ts_ms: t.exchangeTsMs, exchange_time: '2026-11-28 19:40:51', received_ts_ms: 5, source: 'rest',
      price_text: t.priceText, quantity_text: t.quantityText, raw: t.raw,
    };
    const text = rawTradeJson('kraken', t, 'rest', 5);
    expect(text).toBe(JSON.stringify(expected));
  }
});

test('exchange_time follows the trade time across seconds, whatever order they come in', () => {
  const times = [1_795_894_851_083, 1_795_894_852_000, 1_795_894_851_999, 0, 1_795_894_851_000];
  expect(times.map(utcDateTime)).toEqual(['2026-11-28 19:40:51', '2026-11-28 19:40:52', '2026-11-28 19:40:51', '1970-01-01 00:00:00', '2026-11-28 19:40:51']);
});
