import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliCommand } from '../command';
import { generateAllureReport, PACKAGE_DIR } from '../../../scripts/generate-reports';
import { loadManifest } from '../../manifest/load-manifest';
import { preflight, PreflightError } from '../../manifest/preflight/run-preflight';
import { connectDocker } from '../../targets/compose/docker-client';
import { buildLocalImages } from '../../targets/compose/images/build-local-images';
import {
  compose, REFERENCE_PROJECT, REFERENCE_TEST_CREDENTIALS, REGISTRY_SERVICES, runCompose, type ComposeProjectFiles,
} from '../../targets/compose/reference-compose-project';
import { prepareBoundedVolume, releaseBoundedVolume } from '../../targets/compose/bounded-volume';
import { DEFAULT_BROKER_DISK_MB } from '../../targets/embedded/services/broker';
import { DEFAULT_OLAP_DISK_MB } from '../../targets/embedded/services/clickhouse';
import { upComposeStack } from '../../targets/compose/up-compose-stack';
import { COMPOSE_PROJECT_LABEL } from '../../targets/compose/compose-labels';
import { runPlaywright } from './chaos';

const USAGE = `Usage: k2-chaos chaos-compose [playwright test options]

The chaos suite on the compose target, against the reference stack in docker-compose.v2.yml on
a real Docker engine (npm run chaos:compose):
  1. images: the real ones (Redpanda, ClickHouse 24.3, MinIO, Postgres 15) when they are present
     or can be pulled; else, or with K2_LOCAL_IMAGES=1, docker-compose.local.yml's images built
     here from Debian packages and npm (k2-chaos images build)
  2. docker compose up --wait (project ${REFERENCE_PROJECT}), unless that project already runs: a stack you
     brought up is used as it is and left up, healed. As root, the broker's and ClickHouse's data
     volumes are each put on a disk of its own (docker-compose.bounded-disk.yml: ext4 loop devices
     of K2_BROKER_DISK_MB, default ${DEFAULT_BROKER_DISK_MB}, and K2_OLAP_DISK_MB, default
     ${DEFAULT_OLAP_DISK_MB}), for failure modes 19 to 21
  3. preflight, then every spec with K2_TARGET=compose, then the Allure report
  4. docker compose down --volumes for a stack this command brought up (and the loop devices
     detached), also after a failure or Ctrl-C (which first lets the suite heal its faults)

Reports go to K2_REPORTS_DIR (default reports/compose), the MTTR history to K2_HISTORY_DIR
(default reports/history, shared with the embedded target: each entry names its target, trends
and the regression gate compare a target only with itself, results.md shows both side by side).

Environment:
  K2_LOCAL_IMAGES=1|0   force the local images (1) or the registry's (0)
  K2_KEEP_STACK=1       leave the stack up at the end
  K2_CLICKHOUSE_USER ... the stack's credentials; test values are used where unset`;

const MARKER = 'compose-brought-up.json';

/** The services chaos-compose gives a disk of their own (docker-compose.bounded-disk.yml), for the disk faults. */
const OWN_DISKS = [
  { service: 'broker', device: 'K2_BROKER_DISK_DEVICE', size: 'K2_BROKER_DISK_MB', defaultMb: DEFAULT_BROKER_DISK_MB, modes: '19 and 20' },
  { service: 'clickhouse', device: 'K2_OLAP_DISK_DEVICE', size: 'K2_OLAP_DISK_MB', defaultMb: DEFAULT_OLAP_DISK_MB, modes: '21' },
] as const;

/**
 * Gives the broker and ClickHouse a disk each (an ext4 loop device, see bounded-volume.ts), as
 * root; without root the stack runs on plain volumes and the disk modes are skipped.
 */
async function ownDisks(stateDir: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (process.getuid?.() !== 0) {
    console.log(`  no disks of their own: a loop device needs root (failure modes ${OWN_DISKS.map((d) => d.modes).join(', ')} will be skipped)`);
    return false;
  }
  const sizes = OWN_DISKS.map((disk) => {
    const megabytes = Number(env[disk.size] || disk.defaultMb);
    if (!Number.isInteger(megabytes) || megabytes < 64) throw new Error(`${disk.size} must be an integer of at least 64, got "${env[disk.size]}"`);
    return megabytes;
  });
  for (const [i, disk] of OWN_DISKS.entries()) {
    env[disk.device] = await prepareBoundedVolume(stateDir, disk.service, sizes[i]! * 1_048_576);
    console.log(`  ${disk.service} data on ${env[disk.device]} (${sizes[i]} MiB ext4, docker-compose.bounded-disk.yml)`);
  }
  return true;
}

async function releaseOwnDisks(stateDir: string): Promise<void> {
  for (const disk of OWN_DISKS) await releaseBoundedVolume(stateDir, disk.service);
}

function phaseLog(): { phase: <T>(name: string, work: () => Promise<T>) => Promise<T>; summary: () => string } {
  const done: Array<[string, number]> = [];
  return {
    async phase(name, work) {
      console.log(`k2-chaos chaos-compose: ${name} ...`);
      const started = performance.now();
      try {
        return await work();
      } finally {
        const ms = performance.now() - started;
        done.push([name, ms]);
        console.log(`k2-chaos chaos-compose: ${name} took ${(ms / 1000).toFixed(1)} s`);
      }
    },
    summary: () => done.map(([name, ms]) => `  ${name.padEnd(22)} ${(ms / 1000).toFixed(1).padStart(7)} s`).join('\n'),
  };
}

async function chooseLocalImages(files: ComposeProjectFiles): Promise<{ local: boolean; why: string }> {
  const forced = files.env.K2_LOCAL_IMAGES;
  if (forced === '1') return { local: true, why: 'K2_LOCAL_IMAGES=1' };
  if (forced === '0') return { local: false, why: 'K2_LOCAL_IMAGES=0' };
  if (forced !== undefined && forced !== '') throw new Error(`K2_LOCAL_IMAGES must be 1 or 0, got "${forced}"`);
  const pulled = await runCompose(files, ['pull', '--quiet', ...REGISTRY_SERVICES]);
  return pulled.code === 0
    ? { local: false, why: 'the registry images are present or pulled' }
    : { local: true, why: `the registry images cannot be pulled (${pulled.tail.split('\n').at(-1) ?? 'docker compose pull failed'})` };
}

export const command: CliCommand = {
  summary: 'run the chaos suite on the compose target: bring up docker-compose.v2.yml, test, take it down',
  usage: USAGE,
  async run(argv) {
    const env: NodeJS.ProcessEnv = { ...REFERENCE_TEST_CREDENTIALS, ...process.env, K2_TARGET: 'compose' };
    env.K2_REPORTS_DIR = resolve(PACKAGE_DIR, env.K2_REPORTS_DIR || 'reports/compose');
    env.K2_HISTORY_DIR = resolve(PACKAGE_DIR, env.K2_HISTORY_DIR || 'reports/history');
    const stateDir = resolve(PACKAGE_DIR, env.K2_STATE_DIR || '.k2-chaos');
    mkdirSync(stateDir, { recursive: true });
    const marker = join(stateDir, MARKER);
    const { phase, summary } = phaseLog();

    let interrupted = false;
    const onSignal = () => {
      interrupted = true;
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let files: ComposeProjectFiles | undefined;
    let status = 1;
    try {
      const { docker, apiVersion, engineVersion } = await connectDocker();
      console.log(`k2-chaos chaos-compose: Docker Engine ${engineVersion}, API ${apiVersion}`);
      const running = await docker.listContainers({ filters: { label: [`${COMPOSE_PROJECT_LABEL}=${REFERENCE_PROJECT}`], status: ['running'] } });
      // A stack this command brought up and could not take down (a killed run) is still ours.
      const ours = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { localImages: boolean; ownDisks?: boolean }) : undefined;
      if (running.length > 0 && !ours) {
        console.log(`k2-chaos chaos-compose: project ${REFERENCE_PROJECT} already runs (${running.length} containers): testing it as it is, leaving it up`);
      } else {
        files = { projectDir: PACKAGE_DIR, env, localImages: ours?.localImages ?? false };
        const choice = ours ? { local: ours.localImages, why: 'as the stack left by an earlier run' } : await chooseLocalImages(files);
        files.localImages = choice.local;
        console.log(`k2-chaos chaos-compose: ${choice.local ? 'local images (docker-compose.local.yml)' : 'registry images'}: ${choice.why}`);
        if (choice.local) {
          await phase('build local images', () => buildLocalImages({ projectDir: PACKAGE_DIR, log: (line) => console.log(`  ${line}`) }));
        }
        files.ownDisks = await phase('disks of their own', () => ownDisks(stateDir, env));
        writeFileSync(marker, JSON.stringify({ localImages: choice.local, ownDisks: files.ownDisks, at: new Date().toISOString() }));
        if (interrupted) return 130;
        await phase('stack up healthy', () => compose(files!, ['up', '--detach', '--wait', '--wait-timeout', '300', ...(choice.local ? [] : ['--build'])]));
      }
      if (interrupted) return 130;
      await phase('preflight', async () => {
        const manifest = await loadManifest(env.K2_MANIFEST, { env });
        const stack = await upComposeStack({ manifest, env, runDir: join(stateDir, `compose-${REFERENCE_PROJECT}`) });
        try {
          const report = await preflight({ stack, manifest });
          console.log(`  preflight (${report.manifest}, compose): passed ${report.passed.join(', ')}`);
        } catch (error) {
          if (error instanceof PreflightError) throw new Error(error.message);
          throw error;
        }
      });
      if (interrupted) return 130;
      rmSync(join(env.K2_REPORTS_DIR, 'allure-results'), { recursive: true, force: true });
      status = await phase('suite', () => runPlaywright(argv, env));
      const allure = await phase('Allure report', () => generateAllureReport({ reportsDir: env.K2_REPORTS_DIR!, env }));
      if (allure !== 0) console.error(`k2-chaos chaos-compose: generating the Allure report failed (exit ${allure})`);
      console.log(`k2-chaos chaos-compose: reports in ${env.K2_REPORTS_DIR}`);
      return interrupted ? 130 : status;
    } catch (error) {
      console.error(`k2-chaos chaos-compose: ${(error as Error).message}`);
      return 1;
    } finally {
      if (files && env.K2_KEEP_STACK !== '1') {
        await phase('stack down', async () => {
          await compose(files!, ['down', '--volumes', '--remove-orphans', '--timeout', '10']);
          await releaseOwnDisks(stateDir);
        }).then(
          () => rmSync(marker, { force: true }),
          (error: unknown) => console.error(`k2-chaos chaos-compose: taking the stack down failed, the next run retries: ${(error as Error).message}`),
        );
      } else if (files) {
        console.log(`k2-chaos chaos-compose: K2_KEEP_STACK=1, the stack stays up (project ${REFERENCE_PROJECT})`);
      }
      console.log(`k2-chaos chaos-compose: phases\n${summary()}`);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
