import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultJournal } from '../../src/chaos/fault-journal';
import { pause } from '../../src/chaos/faults/pause';
import { recoverAbandonedStack } from '../../src/chaos/recover-abandoned-stack';
import { StackRegistry } from '../../src/chaos/stack-registry';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k2-recover-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that certainly belonged to a process that is gone now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

function journalWithPendingFault(runDir: string, ownerPid: number): FaultJournal {
  const journal = new FaultJournal(runDir);
  writeFileSync(journal.file, `${JSON.stringify({ ...journal.register(pause('broker')), ownerPid })}\n`);
  return journal;
}

test('a slot whose owner is alive is left alone', async () => {
  const registry = new StackRegistry(dir);
  const journal = journalWithPendingFault(dir, process.pid);
  const slot = { slot: 's', runDir: dir, provider: join(dir, 'nowhere.mjs'), manifest: REFERENCE_MANIFEST, ownerPid: process.pid, closed: false };
  expect(await recoverAbandonedStack(registry, slot, 'global-teardown')).toEqual({ slot: 's', healed: [], errors: [], downed: false });
  expect(journal.pending()).toHaveLength(1);
});

test('a stack that cannot be reattached is reported, not thrown, and its faults stay pending', async () => {
  const provider = join(dir, 'gone-provider.mjs');
  writeFileSync(provider, 'export async function up() {}\nexport async function attach() { throw new Error("bridge k2-x missing"); }\n');
  const registry = new StackRegistry(dir);
  const owner = await deadPid();
  const journal = journalWithPendingFault(dir, owner);
  const report = await recoverAbandonedStack(registry, { slot: 's', runDir: dir, provider, manifest: REFERENCE_MANIFEST, ownerPid: owner, closed: false }, 'next-worker');
  expect(report.errors).toEqual([`could not reattach to the stack in ${dir}: bridge k2-x missing`]);
  expect(journal.pending().map((e) => e.name)).toEqual(['pause broker']);
});

test('a dead owner: its faults are healed through the reattached stack, which is then taken down', async () => {
  const provider = join(dir, 'log-provider.mjs');
  writeFileSync(
    provider,
    `import { appendFileSync } from 'node:fs';
const log = (line) => appendFileSync(${JSON.stringify(join(dir, 'calls.txt'))}, line + '\\n');
export async function up() {}
export async function attach() {
  return { unpause: async (s) => log('unpause ' + s), down: async () => log('down') };
}
`,
  );
  const registry = new StackRegistry(dir);
  const owner = await deadPid();
  const journal = journalWithPendingFault(dir, owner);
  const slot = { slot: 's', runDir: dir, provider, manifest: REFERENCE_MANIFEST, ownerPid: owner, closed: false };
  registry.write(slot);
  const report = await recoverAbandonedStack(registry, slot, 'global-teardown');
  expect(report).toEqual({ slot: 's', healed: ['pause broker'], errors: [], downed: true });
  expect(readFileSync(join(dir, 'calls.txt'), 'utf8')).toBe('unpause broker\ndown\n');
  expect(journal.pending()).toEqual([]);
  expect(registry.read('s')?.closed).toBe(true);
});
