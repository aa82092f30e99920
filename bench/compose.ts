import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_DIR } from '../scripts/generate-reports';
import { loadManifest } from '../src/manifest/load-manifest';
import { connectDocker } from '../src/targets/compose/docker-client';
import { buildLocalImages } from '../src/targets/compose/images/build-local-images';
import { BASE_IMAGES, LOCAL_IMAGES } from '../src/targets/compose/images/local-images';
import { compose, REFERENCE_TEST_CREDENTIALS, type ComposeProjectFiles } from '../src/targets/compose/reference-compose-project';
import { upComposeStack } from '../src/targets/compose/up-compose-stack';
import type { ComposeStack } from '../src/targets/compose/compose-stack';
import { runCommand } from '../src/targets/embedded/run-command';

/**
 * npm run bench:compose — the compose target on the real engine with the local images:
 * image builds cold (bases and layers from nothing) and warm, the stack coming up healthy, each
 * fault primitive, and the wall time of a warm `npm run chaos:compose`. Figures, not assertions.
 * `--skip-cold` keeps the existing images; `--skip-suite` leaves out the suite run.
 */
const args = new Set(process.argv.slice(2));
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const rows: Array<[string, string]> = [];
const record = (name: string, ms: number, note = '') => {
  rows.push([name, `${seconds(ms)}${note ? `  ${note}` : ''}`]);
  console.log(`bench:compose ${name}: ${seconds(ms)}${note ? ` ${note}` : ''}`);
};

async function timed<T>(name: string, work: () => Promise<T>, note?: (value: T) => string): Promise<T> {
  const started = performance.now();
  const value = await work();
  record(name, performance.now() - started, note?.(value));
  return value;
}

async function primitives(stack: ComposeStack): Promise<void> {
  const { olap, broker, offload } = stack.manifest.services;
  await timed(`restart ${broker} (until healthy)`, async () => {
    await stack.restart(broker);
    await stack.waitHealthy(broker);
  });
  await timed(`kill + start ${offload} (until healthy)`, async () => {
    await stack.kill(offload);
    await stack.start(offload);
    await stack.waitHealthy(offload);
  });
  await timed(`disconnect + connect ${olap}`, async () => {
    await stack.disconnect(olap);
    await stack.connect(olap);
  });
  await timed(`pause + unpause ${olap}`, async () => {
    await stack.pause(olap);
    await stack.unpause(olap);
  });
  await timed(`restart ${olap} (until healthy)`, async () => {
    await stack.restart(olap);
    await stack.waitHealthy(olap);
  });
}

function runSuite(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PACKAGE_DIR, 'bin/k2-chaos.mjs'), 'chaos-compose'], {
      cwd: PACKAGE_DIR, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, K2_LOCAL_IMAGES: '1' },
    });
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const { engineVersion, apiVersion } = await connectDocker();
  console.log(`bench:compose on Docker Engine ${engineVersion} (API ${apiVersion}), ${(await runCommand('nproc', [])).stdout.trim()} cores`);
  const env: NodeJS.ProcessEnv = { ...REFERENCE_TEST_CREDENTIALS, ...process.env };
  const files: ComposeProjectFiles = { projectDir: PACKAGE_DIR, localImages: true, env };

  if (!args.has('--skip-cold')) {
    for (const tag of [...LOCAL_IMAGES.map((i) => i.tag), ...BASE_IMAGES.map((b) => b.tag)]) {
      await runCommand('docker', ['image', 'rm', '--force', tag]).catch(() => undefined);
    }
    await timed('images cold (mmdebstrap bases + builds, no cache)', () => buildLocalImages({ projectDir: PACKAGE_DIR, rebuildBases: true, noCache: true }));
  }
  await timed('images warm (layer cache)', () => buildLocalImages({ projectDir: PACKAGE_DIR }));

  await timed('stack up healthy (compose up --wait)', () => compose(files, ['up', '--detach', '--wait', '--wait-timeout', '300']));
  try {
    const manifest = await loadManifest('reference', { env });
    await primitives(await upComposeStack({ manifest, env, runDir: join(PACKAGE_DIR, '.k2-chaos/compose-bench') }));
  } finally {
    await timed('stack down (with volumes)', () => compose(files, ['down', '--volumes', '--remove-orphans', '--timeout', '10']));
  }

  if (!args.has('--skip-suite')) {
    const status = await timed('npm run chaos:compose, warm (build, up, six modes, reports, down)', runSuite, (code) => (code === 0 ? 'passed' : `FAILED (exit ${code})`));
    if (status !== 0) process.exitCode = 1;
  }
  console.log('\nbench:compose figure                                              time');
  for (const [name, value] of rows) console.log(`  ${name.padEnd(64)} ${value}`);
  console.log('  target: warm npm run chaos:compose under 6 minutes on this machine');
}

await main();
