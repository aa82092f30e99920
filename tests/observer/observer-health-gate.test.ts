import { expect, test } from '@playwright/test';
import type { ProgressProbe } from '../../src/chaos/progress-probe';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { ExchangeObservers, groundTruthKind, observedSymbols } from '../../src/observer/exchange-observers';
import { withObserverHealth } from '../../src/observer/with-observer-health';
import type { StackEndpoints } from '../../src/targets/endpoints';

const counter: ProgressProbe<number> = { name: 'count', read: async () => 1, progressed: (a, b) => b > a, describe: String };

test('a probe fails while an observer cannot connect, naming the exchange and the URL', async () => {
  const down = { wsUrl: 'ws://127.0.0.1:9/ws', restUrl: 'http://127.0.0.1:9', controlUrl: '' };
  const endpoints = { exchanges: { binance: down, kraken: down, coinbase: down } } as unknown as StackEndpoints;
  const observers = ExchangeObservers.start(endpoints, REFERENCE_MANIFEST, {});
  try {
    expect(await observers.warmUp(300)).toBe(false);
    await expect(withObserverHealth(counter, observers).read()).rejects.toThrow('ground truth unavailable: the binance observer: not connected to ws://127.0.0.1:9/ws');
  } finally {
    await observers.stop();
  }
  expect(await withObserverHealth(counter, undefined).read()).toBe(1);
});

test('the ground truth setting: env over manifest over simulator; a bad value names itself', () => {
  expect(groundTruthKind(REFERENCE_MANIFEST, {})).toBe('simulator');
  expect(groundTruthKind({ ...REFERENCE_MANIFEST, groundTruth: 'observer' }, {})).toBe('observer');
  expect(groundTruthKind({ ...REFERENCE_MANIFEST, groundTruth: 'observer' }, { K2_GROUND_TRUTH: 'simulator' })).toBe('simulator');
  expect(() => groundTruthKind(REFERENCE_MANIFEST, { K2_GROUND_TRUTH: 'oracle' })).toThrow('K2_GROUND_TRUTH must be one of simulator, observer, got "oracle"');
});

test('observed symbols: the manifest\'s list (some of a feed), else every simulated symbol', () => {
  expect(observedSymbols(REFERENCE_MANIFEST, { K2_SIM_SYMBOLS: '2' })).toEqual({
    symbols: { binance: ['BTCUSDT', 'ETHUSDT'], kraken: ['BTC/USD', 'ETH/USD'], coinbase: ['BTC-USD', 'ETH-USD'] }, everySymbol: true,
  });
  const listed = { binance: ['BTCUSDT'], kraken: ['BTC/USD'], coinbase: ['BTC-USD'] };
  expect(observedSymbols({ ...REFERENCE_MANIFEST, exchangeSymbols: listed }, {})).toEqual({ symbols: listed, everySymbol: false });
});
