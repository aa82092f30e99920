import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { traversableDir } from '../../src/stack/traversable-dir';

test('a folder under a private (0700) parent moves under the temp folder; an open one stays', () => {
  const root = mkdtempSync(join(tmpdir(), 'k2-traversable-'));
  try {
    chmodSync(root, 0o755);
    const open = join(root, 'repo', '.k2-chaos');
    expect(traversableDir(open)).toBe(open);
    chmodSync(root, 0o700);
    const moved = traversableDir(open);
    expect(moved.startsWith(join(tmpdir(), 'k2-chaos-'))).toBe(true);
    expect(traversableDir(open)).toBe(moved);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
