import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLiveNodeProcess } from '../../src/chaos/live-node-process';
import { loadStackProvider } from '../../src/chaos/load-stack-provider';
import { StackRegistry } from '../../src/chaos/stack-registry';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k2-registry-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('slots are written whole and read back by any process', () => {
  const registry = new StackRegistry(dir);
  expect(registry.all()).toEqual([]);
  const slot = { slot: 'default-0', runDir: join(dir, 'run'), provider: '/p.ts', manifest: REFERENCE_MANIFEST, ownerPid: 42, closed: false };
  registry.write(slot);
  registry.write({ ...slot, slot: 'default-1', closed: true });
  expect(new StackRegistry(dir).read('default-0')).toEqual(slot);
  expect(registry.all().map((s) => [s.slot, s.closed])).toEqual([
    ['default-0', false],
    ['default-1', true],
  ]);
});

test('an unreadable slot file is an error naming the file', () => {
  const registry = new StackRegistry(dir);
  registry.write({ slot: 'x', runDir: dir, provider: '/p.ts', manifest: REFERENCE_MANIFEST, ownerPid: 1, closed: true });
  writeFileSync(join(registry.dir, 'x.json'), '{not json');
  expect(() => registry.read('x')).toThrow(`stack slot file ${join(registry.dir, 'x.json')} is unreadable`);
});

test('a stack provider must export up and attach', async () => {
  const file = join(dir, 'half-provider.mjs');
  writeFileSync(file, 'export function up() {}\n');
  await expect(loadStackProvider(file)).rejects.toThrow(`stack provider ${file} must export a function "attach"`);
  await expect(loadStackProvider(join(dir, 'missing.mjs'))).rejects.toThrow(`stack provider ${join(dir, 'missing.mjs')} could not be loaded`);
});

test('a live Node process is told apart from a dead pid and from other programs', async () => {
  const { spawn } = await import('node:child_process');
  expect(isLiveNodeProcess(process.pid)).toBe(true);
  const sleeper = spawn('sleep', ['30']);
  try {
    expect(isLiveNodeProcess(sleeper.pid!)).toBe(false);
  } finally {
    sleeper.kill('SIGKILL');
  }
  const done = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => done.on('exit', resolve));
  expect(isLiveNodeProcess(done.pid!)).toBe(false);
});
