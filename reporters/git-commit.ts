import { execFileSync } from 'node:child_process';

/** HEAD's commit in `cwd`, or undefined outside a git work tree or without git. */
export function gitCommit(cwd: string): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
    const commit = out.toString().trim();
    return /^[0-9a-f]{7,64}$/.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}
