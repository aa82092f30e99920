import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** docker-compose.v2.yml's project name (its top-level `name:`), also the reference manifest's. */
export const REFERENCE_PROJECT = 'k2-chaos';

/** Test-only credentials for a reference stack brought up by k2-chaos; a variable already set wins. */
export const REFERENCE_TEST_CREDENTIALS: Readonly<Record<string, string>> = {
  K2_CLICKHOUSE_USER: 'default', K2_CLICKHOUSE_PASSWORD: 'k2-chaos-clickhouse',
  K2_POSTGRES_USER: 'k2', K2_POSTGRES_PASSWORD: 'k2-chaos-postgres', K2_POSTGRES_DB: 'k2',
  K2_S3_ACCESS_KEY: 'k2-chaos', K2_S3_SECRET_KEY: 'k2-chaos-object-store',
};

/** Services whose images a registry supplies; the rest build from ./Dockerfile. */
export const REGISTRY_SERVICES = ['broker', 'clickhouse', 'postgres', 'object-store', 'object-store-init'];

export interface ComposeProjectFiles {
  projectDir: string;
  /** Add docker-compose.local.yml: images built here instead of pulled. */
  localImages: boolean;
  /**
   * Add docker-compose.bounded-disk.yml: the broker's and ClickHouse's data on the loop devices in
   * K2_BROKER_DISK_DEVICE and K2_OLAP_DISK_DEVICE.
   */
  ownDisks?: boolean;
  env: NodeJS.ProcessEnv;
}

export interface ComposeResult {
  code: number;
  /** The last lines it printed, for an error message. */
  tail: string;
}

/** `docker compose -f docker-compose.v2.yml [-f docker-compose.local.yml] [-f docker-compose.bounded-disk.yml] -p k2-chaos ARGS`. */
export function runCompose(files: ComposeProjectFiles, args: string[], options: { echo?: boolean } = {}): Promise<ComposeResult> {
  const fileArgs = ['-f', join(files.projectDir, 'docker-compose.v2.yml'),
    ...(files.localImages ? ['-f', join(files.projectDir, 'docker-compose.local.yml')] : []),
    ...(files.ownDisks ? ['-f', join(files.projectDir, 'docker-compose.bounded-disk.yml')] : [])];
  const child = spawn('docker', ['compose', ...fileArgs, '-p', REFERENCE_PROJECT, ...args], {
    cwd: files.projectDir, env: files.env, stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C meant for the suite must not kill `down` halfway.
    detached: true,
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (options.echo) process.stdout.write(text);
    lines.push(...text.split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, tail: lines.slice(-12).join('\n') }));
  });
}

/** Rejects with compose's last lines when it fails. */
export async function compose(files: ComposeProjectFiles, args: string[], options: { echo?: boolean } = {}): Promise<void> {
  const result = await runCompose(files, args, options);
  if (result.code !== 0) throw new Error(`\`docker compose ${args.join(' ')}\` exited ${result.code}:\n${result.tail}`);
}
