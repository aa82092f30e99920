import { expect, test } from '@playwright/test';
import { movesPosition } from '../../src/drivers/watermark-row-lock';

test.describe('the blocked write that counts as a commit', () => {
  test('an UPDATE assigning the position column moves the watermark', () => {
    expect(movesPosition('UPDATE offload_watermarks SET last_offload_timestamp = to_timestamp($3), status = \'success\' WHERE table_name = $1', 'last_offload_timestamp')).toBe(true);
    expect(movesPosition('update "offload_watermarks" set "last_offload_timestamp"=$2 where "table_name"=$1', 'last_offload_timestamp')).toBe(true);
  });
  test('a status-only write (an empty window) or another statement does not', () => {
    expect(movesPosition("UPDATE offload_watermarks SET status = 'success', last_successful_run = now() WHERE table_name = $1", 'last_offload_timestamp')).toBe(false);
    expect(movesPosition('SELECT last_offload_timestamp = now() FROM offload_watermarks', 'last_offload_timestamp')).toBe(false);
  });
});
