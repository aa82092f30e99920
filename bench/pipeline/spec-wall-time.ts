import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachEmbeddedStack } from '../../src/targets/embedded/attach-embedded-stack';
import type { StepCleanup } from './measure-step';

/** The four pipeline failure modes, by the tags their specs carry. */
export const PIPELINE_SPEC_GREP = '@redpanda|@clickhouse|@feed-handler|@partition';
/** After SIGINT the runner heals and takes its stack down; past this it is killed. */
const INTERRUPT_GRACE_MS = 60_000;
/** The first error is shown, cut short: the full text is the runner's own output. */
const MAX_ERROR_CHARS = 300;

export interface SpecRun {
  wallMs: number;
  exitCode: number | null;
  timedOut: boolean;
  /** The runner's summary lines ("4 passed (1.8m)", "1 failed", ...), the failed tests and the first error. */
  summary: string[];
}

/** Takes down any stack the killed runner left in its state folder. */
async function downLeftStacks(stateDir: string): Promise<void> {
  const runRoot = join(stateDir, 'run');
  const slots = await readdir(runRoot).catch(() => [] as string[]);
  for (const slot of slots) {
    const stack = await attachEmbeddedStack(join(runRoot, slot)).catch(() => undefined);
    await stack?.down().catch((error: Error) => console.error(`leftover stack in ${slot}: down failed: ${error.message}`));
  }
}

/**
 * Wall time of `playwright test` over the four pipeline specs, stack boot and teardown included.
 * Reports and the stack's run folder go to temp folders, so the project's reports/ and any other
 * run's stack slot are left alone.
 */
export async function timePipelineSpecs(root: string, timeoutMs: number, cleanup: StepCleanup): Promise<SpecRun> {
  const temp = await mkdtemp(join(tmpdir(), 'k2-bench-specs-'));
  // mkdtemp makes the folder private; services that drop root (postgres, clickhouse) must traverse it.
  await chmod(temp, 0o755);
  const stateDir = join(temp, 'state');
  const startedAt = performance.now();
  const child = spawn('npx', ['playwright', 'test', '--grep', PIPELINE_SPEC_GREP, '--reporter=line'], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, K2_REPORTS_DIR: join(temp, 'reports'), K2_STATE_DIR: stateDir },
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group is already gone.
    }
  };
  const stop = async (): Promise<void> => {
    signal('SIGINT');
    const killTimer = setTimeout(() => signal('SIGKILL'), INTERRUPT_GRACE_MS);
    await exited;
    clearTimeout(killTimer);
    await downLeftStacks(stateDir);
    await rm(temp, { recursive: true, force: true });
  };
  cleanup.add(stop);
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; signal('SIGINT'); setTimeout(() => signal('SIGKILL'), INTERRUPT_GRACE_MS).unref(); }, timeoutMs);
  try {
    const exitCode = await exited;
    const wallMs = performance.now() - startedAt;
    const lines = output.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim());
    const counts = lines.filter((l) => /^\d+ (passed|failed|flaky|skipped|interrupted|did not run)/.test(l));
    const firstError = lines.find((l) => /^Error:/.test(l));
    // The line reporter numbers each failed test: "1) specs/seed/02-clickhouse-restart.spec.ts:12:5 › ...".
    const failedTests = [...new Set(lines.filter((l) => /^\d+\) /.test(l)).map((l) => `failed ${l.replace(/^\d+\) /, '').replace(/\s*─+$/, '')}`))];
    const summary = [...counts, ...failedTests, ...(firstError ? [`first error: ${firstError.slice(0, MAX_ERROR_CHARS)}`] : [])];
    if (exitCode !== 0 && summary.length === 0) summary.push(...output.trim().split('\n').slice(-5));
    return { wallMs, exitCode, timedOut, summary };
  } finally {
    clearTimeout(timer);
    cleanup.remove(stop);
    await downLeftStacks(stateDir);
    await rm(temp, { recursive: true, force: true });
  }
}
