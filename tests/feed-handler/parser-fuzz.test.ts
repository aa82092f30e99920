import { expect, test } from '@playwright/test';
import { EXCHANGES, type Exchange } from '../../src/stack/names';
import { binanceWire } from '../../services/exchange-sim/wire/binance';
import { coinbaseWire } from '../../services/exchange-sim/wire/coinbase';
import { krakenWire } from '../../services/exchange-sim/wire/kraken';
import type { WireFormat } from '../../services/exchange-sim/wire/wire-format';
import { ADAPTERS } from '../../services/feed-handler/feed-handler';

const WIRES: Record<Exchange, WireFormat> = { binance: binanceWire, kraken: krakenWire, coinbase: coinbaseWire };
const ITERATIONS = 4_000;

/** A small seeded PRNG so a failing case can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b_79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ODD_VALUES: unknown[] = [null, true, 0, -1, 1e308, -0.0, '', 'NaN', '1e999', '-5', '0x1F', [], {}, [1, 2], { a: { b: [] } }, 'x'.repeat(5_000), 2 ** 60, '99999999999999999999', ' 1.0', '1.0 ', '１'];

function mutateValue(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.length && random() < 0.7 ? value.map((v) => (random() < 0.3 ? mutateValue(v, random) : v)) : ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const r = random();
      if (r < 0.1) continue;
      out[r < 0.15 ? `${k}_` : k] = r < 0.45 ? mutateValue(v, random) : v;
    }
    return out;
  }
  return random() < 0.5 ? ODD_VALUES[Math.floor(random() * ODD_VALUES.length)] : value;
}

function mutateText(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  switch (Math.floor(random() * 5)) {
    case 0: return text.slice(0, at);
    case 1: return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0xffff)) + text.slice(at + 1);
    case 2: return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 10));
    case 3: return Array.from({ length: Math.floor(random() * 200) }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
    default: return '['.repeat(Math.floor(random() * 5_000));
  }
}

for (const exchange of EXCHANGES) {
  test(`${exchange}: ${ITERATIONS} random and mutated messages never throw, and every trade that passes is valid`, () => {
    const random = prng(0xc0ffee + exchange.length);
    const wire = WIRES[exchange];
    const symbol = { binance: 'BTCUSDT', kraken: 'BTC/USD', coinbase: 'BTC-USD' }[exchange];
    const trades = Array.from({ length: 3 }, (_, i) => ({ id: 100 + i, price: '123.45', quantity: '0.50000000', buyerIsMaker: i % 2 === 0, timeMs: 1_795_000_000_000 + i }));
    const seeds = [...wire.tradeMessages(symbol, trades, false), ...wire.tradeMessages(symbol, trades, true)].map((m) => wire.stamp({ sequence: 1 }, m));
    const invalid: string[] = [];
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const base = seeds[i % seeds.length]!;
      const text = random() < 0.6 ? JSON.stringify(mutateValue(JSON.parse(base), random)) ?? 'undefined' : mutateText(base, random);
      let result: ReturnType<typeof ADAPTERS.binance.parse>;
      try {
        result = ADAPTERS[exchange].parse(text);
      } catch (error) {
        throw new Error(`iteration ${i} threw ${(error as Error).message} on ${text.slice(0, 300)}`);
      }
      // Plain checks in the loop: an expect() per item would dominate the run time.
      for (const t of result.trades) {
        const valid = Number.isSafeInteger(t.tradeId) && t.tradeId >= 0 && t.price > 0 && Number.isFinite(t.price) && t.quantity > 0
          && Number.isFinite(t.quantity) && Number.isFinite(t.exchangeTsMs) && typeof t.symbol === 'string' && t.symbol.length > 0 && typeof t.buyerIsMaker === 'boolean';
        if (!valid) invalid.push(text);
      }
      for (const r of result.rejected) if (!r.reason) invalid.push(text);
      accepted += result.trades.length;
      rejected += result.rejected.length;
    }
    expect(invalid.slice(0, 3)).toEqual([]);
    // The mutations must exercise both paths, or the test proves nothing.
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(ITERATIONS / 2);
  });
}
