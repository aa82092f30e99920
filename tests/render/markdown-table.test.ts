import { expect, test } from '@playwright/test';
import { markdownTable } from '../../src/render/markdown-table';

test('escapes pipes and newlines so a note cannot break the table', () => {
  const table = markdownTable(['Test', 'Notes'], [['1. Redpanda restart', 'a | b\nsecond line']]);
  expect(table.split('\n')).toEqual(['| Test | Notes |', '|------|------|', '| 1. Redpanda restart | a \\| b second line |']);
});

test('a row with the wrong number of cells is an error naming the row', () => {
  expect(() => markdownTable(['a', 'b'], [['1', '2'], ['3']])).toThrow('markdown table row 1 has 1 cells, the header has 2');
});
