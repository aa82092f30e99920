import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../../src/targets/embedded/free-port';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';
const POSTGRES_UID = 'postgres';

/** A throwaway PostgreSQL 15 cluster in a temp dir, run as the `postgres` user (root may not run it). */
export interface PostgresInstance {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  client(): Promise<pg.Client>;
  /** SIGKILL the server (a crash); `start()` brings it back on the same port and data. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresInstance> {
  const dir = await mkdtemp(join(tmpdir(), 'k2-pg-'));
  const dataDir = join(dir, 'data');
  await chown(dir, uid(), gid());
  await run('runuser', ['-u', POSTGRES_UID, '--', `${BIN}/initdb`, '-D', dataDir, '-U', 'k2', '--auth=trust', '-E', 'UTF8'], { cwd: dir });
  const port = await freePort('127.0.0.1');
  let child: ChildProcess | undefined;
  const conn = { host: '127.0.0.1', port, user: 'k2', password: 'k2', database: 'postgres' };

  async function start(): Promise<void> {
    child = spawn('runuser', ['-u', POSTGRES_UID, '--', `${BIN}/postgres`, '-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'], { cwd: dir, stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const c = new pg.Client(conn);
      try {
        await c.connect();
        await c.end();
        return;
      } catch (error) {
        await c.end().catch(() => undefined);
        if (Date.now() > deadline) throw new Error(`postgres on port ${port} did not start: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  async function signal(sig: NodeJS.Signals): Promise<void> {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    // runuser forwards signals poorly, so signal the postmaster by its pid file.
    const { stdout } = await run('head', ['-1', join(dataDir, 'postmaster.pid')]).catch(() => ({ stdout: '' }));
    const pid = Number(stdout.trim());
    if (pid > 0) process.kill(pid, sig);
    await new Promise((r) => c.once('exit', r));
    if (sig === 'SIGKILL') await run('pkill', ['-KILL', '-P', String(pid)]).catch(() => undefined);
  }
  await start();
  return {
    ...conn,
    client: async () => {
      const c = new pg.Client(conn);
      await c.connect();
      return c;
    },
    kill: () => signal('SIGKILL'),
    start,
    async stop() {
      await signal('SIGINT');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function uid(): number {
  return Number(String(execFileSync('id', ['-u', POSTGRES_UID])).trim());
}
function gid(): number {
  return Number(String(execFileSync('id', ['-g', POSTGRES_UID])).trim());
}
