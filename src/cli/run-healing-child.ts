import { spawn, type StdioOptions } from 'node:child_process';

export interface HealingChildOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
}

export interface HealingChildExit {
  /** The child's exit status (1 when a signal ended it). */
  status: number;
  /** This process was sent SIGINT or SIGTERM while the child ran: the caller should start nothing more. */
  interrupted: boolean;
}

/**
 * Runs a child that holds a stack (a Playwright run of chaos specs) and waits until it has healed
 * and gone. Ctrl-C reaches the child too (same process group), so this process waits for its
 * teardown instead of dying first; a SIGTERM sent to this process alone (a CI timeout, `kill`) is
 * passed on, so the child heals and takes its stack down as well.
 */
export function runHealingChild(command: string, args: string[], options: HealingChildOptions): Promise<HealingChildExit> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: options.stdio ?? 'inherit' });
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
  };
  const onTerminate = () => {
    interrupted = true;
    child.kill('SIGTERM');
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  return new Promise<HealingChildExit>((done, fail) => {
    child.once('error', fail);
    child.once('close', (code, signal) => done({ status: code ?? (signal ? 1 : 0), interrupted }));
  }).finally(() => {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
  });
}
