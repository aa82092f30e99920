import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../embedded/run-command';
import { BASE_IMAGES, CHECKOUT_CONTEXT, LOCAL_IMAGES, type BaseImage, type LocalImage } from './local-images';

export interface BuildStep {
  image: string;
  /** `cached`: the base existed and was kept. */
  action: 'bootstrapped' | 'cached' | 'built';
  durationMs: number;
}

export interface BuildLocalImagesOptions {
  /** The checkout (package root) holding docker/local and node_modules. */
  projectDir: string;
  /** Make the mmdebstrap bases again even when they exist. */
  rebuildBases?: boolean;
  /** Build without the layer cache (`docker build --no-cache`). */
  noCache?: boolean;
  log?: (line: string) => void;
}

const imageExists = (tag: string): Promise<boolean> => runCommand('docker', ['image', 'inspect', tag]).then(() => true, () => false);

/** Runs a program; rejects with the last lines it printed when it fails. */
function run(file: string, args: string[], options: { cwd?: string; stdinFrom?: { file: string; args: string[] } } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.length > 200) output.splice(0, output.length - 200);
    };
    const child = spawn(file, args, { cwd: options.cwd, stdio: [options.stdinFrom ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let feeder: ReturnType<typeof spawn> | undefined;
    if (options.stdinFrom) {
      feeder = spawn(options.stdinFrom.file, options.stdinFrom.args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      feeder.stderr!.on('data', keep);
      feeder.stdout!.pipe(child.stdin!);
      feeder.once('error', reject);
    }
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) return resolve();
      feeder?.kill();
      const tail = output.join('').trim().split('\n').slice(-15).join('\n');
      reject(new Error(`\`${file} ${args.join(' ')}\` exited ${code}:\n${tail}`));
    });
  });
}

async function bootstrapBase(base: BaseImage): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'k2-base-'));
  try {
    const tar = join(dir, 'rootfs.tar');
    // mmdebstrap picks plain Debian sources itself; nothing of this machine's apt setup goes in.
    const include = base.include.length ? [`--include=${base.include.join(',')}`] : [];
    await run('mmdebstrap', ['--variant=minbase', '--quiet', ...include, base.suite, tar]);
    await run('docker', ['import', tar, base.tag]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function buildImage(image: LocalImage, options: BuildLocalImagesOptions): Promise<void> {
  const flags = ['build', '--quiet', '--file', image.dockerfile, '--tag', image.tag, ...(image.hostNetwork ? ['--network', 'host'] : []), ...(options.noCache ? ['--no-cache'] : [])];
  if (image.context === 'docker/local') return run('docker', [...flags, 'docker/local'], { cwd: options.projectDir });
  // A tar on stdin, not the folder: .dockerignore keeps node_modules out of the registry build.
  const missing = CHECKOUT_CONTEXT.filter((path) => !existsSync(join(options.projectDir, path)));
  if (missing.length) throw new Error(`cannot build ${image.tag}: ${missing.join(', ')} missing in ${options.projectDir} (run \`npm ci\` first)`);
  return run('docker', [...flags, '-'], { cwd: options.projectDir, stdinFrom: { file: 'tar', args: ['-c', ...CHECKOUT_CONTEXT, image.dockerfile] } });
}

/**
 * Builds every image docker-compose.local.yml uses, from Debian packages and the checkout:
 * bases from mmdebstrap (kept once made), then the images, with Docker's layer cache.
 */
export async function buildLocalImages(options: BuildLocalImagesOptions): Promise<BuildStep[]> {
  const log = options.log ?? (() => undefined);
  const steps: BuildStep[] = [];
  const timed = async (image: string, action: BuildStep['action'], work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    const step = { image, action, durationMs: performance.now() - started };
    steps.push(step);
    log(`${step.action.padEnd(12)} ${image} in ${(step.durationMs / 1000).toFixed(1)} s`);
  };
  for (const base of BASE_IMAGES) {
    if (!options.rebuildBases && (await imageExists(base.tag))) await timed(base.tag, 'cached', async () => undefined);
    else await timed(base.tag, 'bootstrapped', () => bootstrapBase(base));
  }
  for (const image of LOCAL_IMAGES) await timed(image.tag, 'built', () => buildImage(image, options));
  return steps;
}
