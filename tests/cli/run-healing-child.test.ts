import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const HELPER = fileURLToPath(new URL('../../src/cli/run-healing-child.ts', import.meta.url));

/** A child standing in for a Playwright run: on SIGTERM it "heals" (writes a file) before it exits. */
const CHILD = `
const { writeFileSync } = require('node:fs');
process.on('SIGTERM', () => { setTimeout(() => { writeFileSync(process.argv[2], 'healed'); process.exit(3); }, 300); });
process.stdout.write('ready\\n');
setInterval(() => {}, 1000);
`;

/** The parent under test, in a process of its own so the signal never reaches the test runner. */
const PARENT = (childFile: string, marker: string) => `
import { runHealingChild } from ${JSON.stringify(HELPER)};
const exit = await runHealingChild(process.execPath, [${JSON.stringify(childFile)}, ${JSON.stringify(marker)}], { cwd: process.cwd(), stdio: ['ignore', 'inherit', 'inherit'] });
console.log(JSON.stringify(exit));
`;

test('a SIGTERM sent to the parent alone reaches the child, which heals before the parent returns; the run counts as interrupted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'k2-healing-child-'));
  try {
    const childFile = join(dir, 'child.cjs');
    const parentFile = join(dir, 'parent.mts');
    const marker = join(dir, 'healed');
    await writeFile(childFile, CHILD);
    await writeFile(parentFile, PARENT(childFile, marker));
    const parent = spawn(process.execPath, ['--import', 'tsx', parentFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    parent.stdout.on('data', (d) => {
      output += d;
      if (output.includes('ready') && !parent.killed) parent.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((done) => parent.once('close', done));
    expect(await readFile(marker, 'utf8')).toBe('healed');
    expect(code).toBe(0);
    expect(JSON.parse(output.split('\n').filter(Boolean).at(-1)!)).toEqual({ status: 3, interrupted: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a child that ends by itself is not interrupted, and its status is returned', async () => {
  const { runHealingChild } = await import('../../src/cli/run-healing-child');
  expect(await runHealingChild(process.execPath, ['-e', 'process.exit(4)'], { cwd: process.cwd(), stdio: 'ignore' })).toEqual({ status: 4, interrupted: false });
});
