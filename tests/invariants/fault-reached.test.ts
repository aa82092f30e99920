import { expect, test } from '@playwright/test';
import { redeliveryObserved, spillObserved } from '../../src/invariants/pipeline/fault-reached';

test('redelivery: valid only when bronze holds some trade twice', () => {
  const ledger = (duplicated: number) => ({ name: 'trade ledger (bronze)', status: 'valid' as const, summary: '', counts: { duplicated, duplicateRows: duplicated * 2 } });
  expect(redeliveryObserved(ledger(12))).toMatchObject({ status: 'valid', counts: { duplicatedIds: 12, extraRows: 24 } });
  expect(redeliveryObserved(ledger(0)).status).toBe('unknown');
  expect(redeliveryObserved({ name: 'x', status: 'unknown', summary: 'no ground truth' }).status).toBe('unknown');
});

test('spill: valid only when some handler spilled, with the count per exchange', () => {
  expect(spillObserved({ binance: 1200, kraken: 0 })).toMatchObject({ status: 'valid', counts: { spilled: 1200, spilled_binance: 1200 } });
  expect(spillObserved({ binance: 0, kraken: 0 }).status).toBe('unknown');
  expect(spillObserved({}).summary).toContain('no handler read');
});
