import { rm } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { attachEmbeddedStack } from '../../src/targets/embedded/attach-embedded-stack';
import { answers, removeStack, startStack, tempRunDir } from './support/embedded-harness';

test('another process\'s view of the stack heals a fault injected through the first', async () => {
  const stack = await startStack(['postgres']);
  try {
    await stack.disconnect('postgres');
    await stack.kill('postgres');
    const attached = await attachEmbeddedStack(stack.runDir);
    expect(attached.endpoints).toEqual(stack.endpoints);
    expect(await attached.state('postgres')).toMatchObject({ running: false, connected: false });
    await attached.connect('postgres');
    await attached.start('postgres');
    await stack.waitHealthy('postgres');
    expect(await stack.state('postgres')).toMatchObject({ running: true, connected: true, pid: (await attached.state('postgres')).pid });
    expect(await answers(stack, 'postgres')).toBe(true);
  } finally {
    await removeStack(stack);
  }
});

test('attaching to a folder without a stack names the folder and how to start one', async () => {
  const runDir = await tempRunDir();
  try {
    await expect(attachEmbeddedStack(runDir)).rejects.toThrow(`no embedded stack in ${runDir}`);
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
});
