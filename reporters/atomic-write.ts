import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes via a temp file in the same folder and a rename, so a reader (or a run killed midway)
 * sees the old file or the new one, never half of one. Synchronous on purpose: Playwright does
 * not await reporter hooks, and the next test's write must not overtake this one.
 */
export function atomicWriteFileSync(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
