import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appendMttrHistory, readMttrHistory } from '../../src/history/mttr-history-file';
import { pastRun } from './history-fixtures';

test('appends one JSON line per entry and reads them back; a missing file is an empty history', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'k2-history-'));
  try {
    const path = join(dir, 'history/mttr-history.jsonl');
    expect(await readMttrHistory(path)).toEqual({ entries: [], problems: [] });
    await appendMttrHistory(path, [pastRun(10_000)]);
    await appendMttrHistory(path, [pastRun(undefined, 'NOT_RECOVERED', 'embedded', 2)]);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(2);
    const { entries, problems } = await readMttrHistory(path);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.mttrMs, e.outcome])).toEqual([[10_000, 'PASS'], [undefined, 'NOT_RECOVERED']]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('unreadable lines are left out and named by line, the rest still counts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'k2-history-'));
  try {
    const path = join(dir, 'mttr-history.jsonl');
    const good = JSON.stringify(pastRun(10_000));
    await writeFile(path, [good, '{"truncated', JSON.stringify({ ...pastRun(1), outcome: 'FINE' }), JSON.stringify({ ...pastRun(1), mttrMs: '10s' }), ''].join('\n'));
    const { entries, problems } = await readMttrHistory(path);
    expect(entries).toHaveLength(1);
    expect(problems).toEqual([
      `${path}:2: not valid JSON`,
      `${path}:3: unknown outcome "FINE"`,
      `${path}:4: mttrMs must be a number`,
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
