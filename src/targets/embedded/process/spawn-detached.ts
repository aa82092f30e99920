import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { processStartTime, type ProcessIdentity } from './process-status';

export interface SpawnDetachedOptions {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stdout and stderr are appended here. */
  logFile: string;
}

/**
 * Starts a process in its own process group, detached from the caller, so it outlives a test
 * worker that dies; the runtime finds it again through the state file.
 */
export async function spawnDetached(options: SpawnDetachedOptions): Promise<ProcessIdentity> {
  const [file, ...args] = options.argv;
  if (!file) throw new Error('cannot start a service with an empty command');
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(file, args, { detached: true, stdio: ['ignore', fd, fd], env: options.env, cwd: options.cwd });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => reject(new Error(`cannot start ${file}: ${error.message}`)));
    });
    child.unref();
    const pid = child.pid;
    if (pid === undefined) throw new Error(`cannot start ${file}: no pid`);
    const startTime = await processStartTime(pid);
    if (startTime === undefined) throw new Error(`${options.argv.join(' ')} exited at once; see ${options.logFile}`);
    return { pid, startTime };
  } finally {
    closeSync(fd);
  }
}
