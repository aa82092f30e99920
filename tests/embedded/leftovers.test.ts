import { readdir, rm } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { runCommand } from '../../src/targets/embedded/run-command';
import { stackNames } from '../../src/targets/embedded/stack-names';
import { readStackState, stateFilePath } from '../../src/targets/embedded/stack-state';
import { pidExists, removeStack, startStack } from './support/embedded-harness';
import type { EmbeddedStack } from '../../src/targets/embedded/embedded-stack';

async function namespacesOf(stackId: string): Promise<string[]> {
  const { stdout } = await runCommand('ip', ['netns', 'list']);
  return stdout.split('\n').map((l) => l.split(' ')[0] ?? '').filter((n) => n.startsWith(stackNames.namespacePrefix(stackId)));
}

async function linksOf(stackId: string): Promise<string[]> {
  return (await readdir('/sys/class/net')).filter((n) => n === stackNames.bridge(stackId) || n.startsWith(stackNames.vethPrefix(stackId)));
}

/** What a crashed run leaves: the stack as it was, never taken down (its processes are detached). */
async function crashedRun(): Promise<{ stack: EmbeddedStack; pid: number }> {
  const stack = await startStack(['postgres']);
  const { pid } = await stack.state('postgres');
  expect(await namespacesOf(stack.stackId)).toHaveLength(1);
  expect(await linksOf(stack.stackId)).toHaveLength(2);
  return { stack, pid: pid! };
}

test('the next up in a run folder removes a crashed run\'s processes, namespaces and links', async () => {
  const { stack: crashed, pid } = await crashedRun();
  const bystander = await startStack(['postgres']);
  let next: EmbeddedStack | undefined;
  try {
    next = await startStack(['postgres'], { runDir: crashed.runDir });
    expect(pidExists(pid)).toBe(false);
    expect(next.stackId).toBe(crashed.stackId);
    expect((await next.state('postgres')).pid).not.toBe(pid);
    expect((await bystander.state('postgres')).running).toBe(true);
    expect(await linksOf(bystander.stackId)).toHaveLength(2);
  } finally {
    await removeStack(next);
    await removeStack(bystander);
  }
});

test('leftovers are found by stack id even when the state file is lost', async () => {
  const { stack: crashed, pid } = await crashedRun();
  await rm(stateFilePath(crashed.runDir));
  let next: EmbeddedStack | undefined;
  try {
    next = await startStack(['postgres'], { runDir: crashed.runDir });
    await expect.poll(() => pidExists(pid)).toBe(false);
    expect(await namespacesOf(crashed.stackId)).toEqual([stackNames.namespace(crashed.stackId, 'postgres')]);
  } finally {
    await removeStack(next);
  }
  expect(await namespacesOf(crashed.stackId)).toEqual([]);
  expect(await linksOf(crashed.stackId)).toEqual([]);
});

test('down removes every process, namespace, link and the state file, and is idempotent', async () => {
  const stack = await startStack(['postgres']);
  const { pid } = await stack.state('postgres');
  await stack.down();
  await stack.down();
  await expect.poll(() => pidExists(pid!)).toBe(false);
  expect(await namespacesOf(stack.stackId)).toEqual([]);
  expect(await linksOf(stack.stackId)).toEqual([]);
  expect(await readStackState(stack.runDir)).toBeUndefined();
  await rm(stack.runDir, { recursive: true, force: true });
});
