import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const MTTR_REPORTER = join(REPO_DIR, 'reporters/mttr-reporter.ts');
const PLAYWRIGHT_CLI = join(REPO_DIR, 'node_modules/@playwright/test/cli.js');

export interface InlineRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * A throwaway Playwright project in a temp dir, using the repository's node_modules, so a test
 * can run a real `playwright test` with our reporters and look at the files they write.
 */
export class InlineProject {
  private constructor(readonly dir: string) {}

  static async create(prefix = 'k2-inline-'): Promise<InlineProject> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    await symlink(join(REPO_DIR, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
    return new InlineProject(dir);
  }

  get reportsDir(): string {
    return join(this.dir, 'reports');
  }

  async write(files: Record<string, string>): Promise<void> {
    for (const [name, content] of Object.entries(files)) {
      const path = join(this.dir, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
  }

  /** Starts `playwright test`; `env` values of undefined remove a variable. */
  start(args: string[] = [], env: Record<string, string | undefined> = {}) {
    const childEnv: NodeJS.ProcessEnv = { FORCE_COLOR: '0', PATH: process.env.PATH, HOME: process.env.HOME };
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete childEnv[key];
      else childEnv[key] = value;
    }
    return spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', ...args], { cwd: this.dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  async run(args: string[] = [], env: Record<string, string | undefined> = {}): Promise<InlineRun> {
    const child = this.start(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exitCode = await new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
    return { exitCode, stdout, stderr };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
