import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { runCommand } from '../../src/targets/embedded/run-command';
import { requireBinaries } from '../../src/targets/embedded/require-binaries';
import { stackNames } from '../../src/targets/embedded/stack-names';
import { readStackState } from '../../src/targets/embedded/stack-state';
import { pidExists, tempRunDir } from './support/embedded-harness';

const BIN = fileURLToPath(new URL('../../bin/k2-chaos.mjs', import.meta.url));
const run = promisify(execFile);

async function k2(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { timeout: 120_000 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

test('up --detach, status, logs and down drive a stack from the command line', async () => {
  const runDir = await tempRunDir();
  try {
    const up = await k2(['up', '--services', 'postgres', '--run-dir', runDir, '--detach']);
    expect(up.code).toBe(0);
    expect(up.out).toMatch(/postgres\s+running\s+\d+\s+[\d.]+:5432\s+healthy/);
    const status = await k2(['status', '--run-dir', runDir]);
    expect(status.out).toMatch(/postgres\s+running/);
    const logs = await k2(['logs', 'postgres', '--tail', '50', '--run-dir', runDir]);
    expect(logs.out).toContain('database system is ready to accept connections');
    const down = await k2(['down', '--run-dir', runDir]);
    expect(down.code).toBe(0);
    const after = await k2(['status', '--run-dir', runDir]);
    expect(after).toMatchObject({ code: 1, out: expect.stringContaining('no embedded stack is up') });
  } finally {
    await k2(['down', '--run-dir', runDir]);
    await rm(runDir, { recursive: true, force: true });
  }
});

test('bad flags and unknown services are refused with the reason', async () => {
  const runDir = await tempRunDir();
  try {
    expect(await k2(['up', '--services', 'redpanda', '--run-dir', runDir])).toMatchObject({ code: 1, out: expect.stringContaining('unknown service "redpanda"') });
    expect(await k2(['up', '--stack-id', 'Bad_Id', '--run-dir', runDir])).toMatchObject({ code: 1, out: expect.stringContaining('stackId must be 1 to 8 characters') });
    expect(await k2(['logs', '--run-dir', runDir])).toMatchObject({ code: 2, out: expect.stringContaining('SERVICE is required') });
    expect(await k2(['logs', 'postgres', '--tail', '0', '--run-dir', runDir])).toMatchObject({ code: 2, out: expect.stringContaining('--tail must be a positive integer') });
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
});

test('a missing program is named together with the command that installs it', async () => {
  await expect(requireBinaries([{ service: 'olap', binary: '/nonexistent/clickhouse-server' }, { service: 'x', binary: 'sh' }]))
    .rejects.toThrow('programs that are not installed: /nonexistent/clickhouse-server (needed by olap). Install them with `npx k2-chaos install-deps`.');
  const dryRun = await k2(['install-deps', '--dry-run']);
  expect(dryRun.out).toMatch(/apt-get install -y --no-install-recommends clickhouse-server postgresql(-15)? iproute2 util-linux e2fsprogs iptables kcat chromium/);
});

test('SIGTERM to `up` in the foreground stops the services and removes the namespaces', async () => {
  const runDir = await tempRunDir();
  const up = spawn(process.execPath, [BIN, 'up', '--services', 'postgres', '--run-dir', runDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    up.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    await expect.poll(() => output, { timeout: 90_000 }).toContain('Ctrl-C stops and removes the stack');
    const state = await readStackState(runDir);
    const pid = state!.services.postgres!.process!.pid;
    up.kill('SIGTERM');
    const [code] = await once(up, 'exit');
    expect(code).toBe(143);
    await expect.poll(() => pidExists(pid)).toBe(false);
    expect(await readStackState(runDir)).toBeUndefined();
    const { stdout } = await runCommand('ip', ['netns', 'list']);
    expect(stdout).not.toContain(stackNames.namespacePrefix(state!.stackId));
  } finally {
    if (up.exitCode === null) up.kill('SIGKILL');
    await k2(['down', '--run-dir', runDir]);
    await rm(runDir, { recursive: true, force: true });
  }
});

test('the shell form of install-deps installs the same packages', async () => {
  const script = fileURLToPath(new URL('../../scripts/install-deps.sh', import.meta.url));
  const { stdout } = await runCommand('sh', [script, '--dry-run']);
  const fromNode = await k2(['install-deps', '--dry-run']);
  const packages = (text: string): string => text.slice(text.indexOf('--no-install-recommends')).trim();
  expect(packages(stdout)).toBe(packages(fromNode.out));
});
