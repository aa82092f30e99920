import { runCommand } from './run-command';

/** True when the runtime may switch users (only root can). */
export const canSwitchUser = (): boolean => process.getuid?.() === 0;

/**
 * The argv prefix that runs a program as `user`. setpriv execs, so the service's pid stays its
 * own. Without root the program runs as the caller, the only choice there is.
 */
export function runAsPrefix(user: string | undefined): string[] {
  if (!user || !canSwitchUser()) return [];
  return ['setpriv', `--reuid=${user}`, `--regid=${user}`, '--init-groups'];
}

/** Runs a one-shot program as `user` (initdb and friends), rejecting with its stderr. */
export function runAs(user: string | undefined, argv: string[], timeoutMs = 120_000): Promise<{ stdout: string; stderr: string }> {
  const [file, ...args] = [...runAsPrefix(user), ...argv];
  if (!file) throw new Error('runAs needs a program');
  return runCommand(file, args, { timeoutMs });
}

/** Gives a folder tree to `user` so a service that drops root can write its data. */
export async function chownTree(user: string | undefined, path: string): Promise<void> {
  if (!user || !canSwitchUser()) return;
  await runCommand('chown', ['-R', `${user}:${user}`, path]);
}
