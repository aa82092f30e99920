import { execFile } from 'node:child_process';

export interface RunCommandResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a program (no shell) and resolves with its output; a non-zero exit rejects with an error
 * that quotes the command line and its stderr, so a failing `ip` call says what it tried.
 */
export function runCommand(file: string, args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunCommandResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: options.timeoutMs ?? 30_000, env: options.env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = String(stderr || error.message).trim();
        reject(new Error(`\`${[file, ...args].join(' ')}\` failed: ${detail}`));
        return;
      }
      resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
