import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { rm } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { attachEmbeddedStack } from '../../src/targets/embedded/attach-embedded-stack';
import { answers, tempRunDir } from './support/embedded-harness';

const UP_AND_HANG = fileURLToPath(new URL('./support/up-and-hang.ts', import.meta.url));

test('services outlive a worker killed with SIGKILL, and a new process heals the fault it left', async () => {
  const runDir = await tempRunDir();
  const worker = spawn(process.execPath, ['--import', 'tsx', UP_AND_HANG, runDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let output = '';
    worker.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    await expect.poll(() => output, { timeout: 90_000 }).toContain('ready');
    worker.kill('SIGKILL');
    await once(worker, 'exit');

    const stack = await attachEmbeddedStack(runDir);
    try {
      expect(await stack.state('postgres')).toMatchObject({ running: true, connected: false });
      expect(await answers(stack, 'postgres')).toBe(false);
      await stack.connect('postgres');
      await stack.waitHealthy('postgres', 30_000);
      expect(await answers(stack, 'postgres')).toBe(true);
    } finally {
      await stack.down();
    }
  } finally {
    if (worker.exitCode === null) worker.kill('SIGKILL');
    await rm(runDir, { recursive: true, force: true });
  }
});
