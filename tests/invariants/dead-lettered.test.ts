import { expect, test } from '@playwright/test';
import { deadLettered } from '../../src/invariants/pipeline/dead-lettered';

test('valid when the DLQ grew by every malformed message sent, invalid when it grew by fewer', () => {
  expect(deadLettered({ exchange: 'binance', sent: 500, before: 10, after: 510 })).toMatchObject({ status: 'valid', counts: { deadLettered: 500, missing: 0 } });
  expect(deadLettered({ exchange: 'binance', sent: 500, before: 10, after: 400 })).toMatchObject({ status: 'invalid', summary: '110 of 500 malformed messages never reached the DLQ' });
});

test('unknown when nothing was sent or the DLQ could not be read', () => {
  expect(deadLettered({ exchange: 'kraken', sent: 0, before: 0, after: 0 }).status).toBe('unknown');
  expect(deadLettered({ exchange: 'kraken', sent: 5, after: 5 }).status).toBe('unknown');
});
