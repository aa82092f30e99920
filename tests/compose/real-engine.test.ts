import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '../../src/manifest/load-manifest';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { preflight, PreflightError } from '../../src/manifest/preflight/run-preflight';
import type { StackEndpoints } from '../../src/targets/endpoints';
import { ComposeStack } from '../../src/targets/compose/compose-stack';
import { connectDocker } from '../../src/targets/compose/docker-client';
import { findComposeProject } from '../../src/targets/compose/find-compose-project';
import { prepareBoundedVolume, releaseBoundedVolume } from '../../src/targets/compose/bounded-volume';
import { findDiskVolumes } from '../../src/targets/compose/disk-volumes';
import { runCommand } from '../../src/targets/embedded/run-command';

/**
 * The compose target's fault primitives against the real Docker engine, on a small project of
 * the local pipeline image (`k2-chaos images build`). Skipped, with the reason, where no engine
 * answers or the image is missing; the fake-engine tests cover those machines.
 */
const IMAGE = 'k2-chaos:local';
const NETWORK = 'chaos-net';
/** The stack's own healthcheck (docker-compose.v2.yml), so `up --wait` here also proves it in the image. */
const HEALTH = ['CMD', 'bash', 'bin/http-health', '8080'];

const composeFile = (project: string, diskDevice: string) => JSON.stringify({
  name: project,
  networks: { [NETWORK]: { name: `${project}-net` } },
  // The peer's data on a disk of its own, as docker-compose.bounded-disk.yml gives the broker.
  volumes: { 'peer-disk': { driver: 'local', driver_opts: { type: 'ext4', device: diskDevice } } },
  services: {
    sim: {
      image: IMAGE, pull_policy: 'never', networks: [NETWORK],
      command: ['exchange-sim', '--exchange', 'binance', '--listen', '0.0.0.0:8080', '--symbols', '1', '--rate', '5'],
      healthcheck: { test: HEALTH, interval: '1s', timeout: '2s', retries: 30 },
    },
    peer: {
      image: IMAGE, pull_policy: 'never', networks: [NETWORK], volumes: ['peer-disk:/data'],
      entrypoint: ['node', '-e', "process.on('SIGTERM', () => process.exit(0)); setInterval(() => undefined, 1 << 30)"],
    },
  },
});

async function engineOrSkipReason(): Promise<string | undefined> {
  const connected = await connectDocker().catch((error: unknown) => (error as Error).message);
  if (typeof connected === 'string') return connected;
  const image = await connected.docker.getImage(IMAGE).inspect().then(() => true, () => false);
  return image ? undefined : `image ${IMAGE} is missing: run \`npx k2-chaos images build\``;
}

test.describe.configure({ mode: 'serial' });

test.describe('compose target on the real Docker engine', () => {
  const project = `k2-chaos-engine-test-${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'k2-engine-test-'));
  const file = join(dir, 'compose.json');
  const compose = (...args: string[]) => runCommand('docker', ['compose', '-f', file, '-p', project, ...args], { timeoutMs: 120_000 });
  let stack: ComposeStack;

  test.beforeAll(async () => {
    const reason = await engineOrSkipReason();
    test.skip(reason !== undefined, reason);
    test.skip(process.getuid?.() !== 0, 'a disk of its own for a volume is a loop device, which needs root');
    writeFileSync(file, composeFile(project, await prepareBoundedVolume(dir, 'broker', 64 * 1_048_576)));
    await compose('up', '--detach', '--wait', '--wait-timeout', '90');
    const { docker } = await connectDocker();
    const found = await findComposeProject(docker, project);
    const inspected = new Map(await Promise.all(found.containers.map(async (c) => [c.service, await docker.getContainer(c.id).inspect()] as const)));
    stack = new ComposeStack({
      docker, manifest: { ...REFERENCE_MANIFEST, network: NETWORK }, project: found,
      endpoints: {} as StackEndpoints, runDir: dir, diskVolumes: await findDiskVolumes(docker, inspected),
    });
  });

  test.afterAll(async () => {
    await compose('down', '--volumes', '--remove-orphans', '--timeout', '5').catch(() => undefined);
    await releaseBoundedVolume(dir, 'broker').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const resolvesSim = () => runCommand('docker', ['compose', '-f', file, '-p', project, 'exec', '-T', 'peer', 'node', '-e',
    "require('dns').lookup('sim', (e, a) => { console.log(e ? 'unresolved' : a); })"]).then((r) => r.stdout.trim());

  test('restart gives the container a new process; kill leaves it down until start', async () => {
    const before = (await stack.state('sim')).pid;
    await stack.restart('sim');
    const restarted = await stack.state('sim');
    expect(restarted.running).toBe(true);
    expect(restarted.pid).not.toBe(before);
    await stack.kill('sim');
    expect((await stack.state('sim')).running).toBe(false);
    await stack.kill('sim');
    await stack.start('sim');
    await stack.start('sim');
    await stack.waitHealthy('sim', 60_000);
    expect((await stack.state('sim')).running).toBe(true);
  });

  test('pause freezes the container and a stop of a paused container unpauses it first', async () => {
    await stack.pause('sim');
    await stack.pause('sim');
    expect(await stack.state('sim')).toMatchObject({ running: true, paused: true });
    await stack.stop('sim');
    expect(await stack.state('sim')).toMatchObject({ running: false, paused: false });
    await stack.start('sim');
    await stack.waitHealthy('sim', 60_000);
  });

  test('disconnect makes the service unresolvable for its peers; connect restores its DNS alias', async () => {
    expect(await resolvesSim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    await stack.disconnect('sim');
    await stack.disconnect('sim');
    expect((await stack.state('sim')).connected).toBe(false);
    expect(await resolvesSim()).toBe('unresolved');
    await stack.connect('sim');
    await stack.connect('sim');
    expect((await stack.state('sim')).connected).toBe(true);
    expect(await resolvesSim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  test('a volume on a disk of its own fills and frees from here, and keeps its data across a restart', async () => {
    const inPeer = (code: string) => runCommand('docker', ['compose', '-f', file, '-p', project, 'exec', '-T', 'peer', 'node', '-e', code]).then((r) => r.stdout.trim());
    const write16k = "try { require('fs').writeFileSync('/data/big', Buffer.alloc(16384)); console.log('written') } catch (e) { console.log(e.code) }";
    expect(stack.diskFaultsUnsupported('sim')).toContain('sim has no volume on a disk of its own');
    expect(stack.diskFaultsUnsupported('peer')).toBeUndefined();
    await expect(stack.fillDisk('sim')).rejects.toThrow('cannot apply a disk fault to sim');
    await inPeer("require('fs').writeFileSync('/data/kept', 'before the fault')");

    await stack.fillDisk('peer');
    expect((await stack.state('peer')).diskFull).toBe(true);
    expect(await inPeer(write16k)).toBe('ENOSPC');
    await stack.restart('peer');
    expect(await inPeer("console.log(require('fs').readFileSync('/data/kept', 'utf8'))")).toBe('before the fault');
    expect((await stack.state('peer')).diskFull).toBe(true);
    // Stopped, the engine unmounts the volume: its folder is then the machine's disk, so unknown.
    await stack.stop('peer');
    expect((await stack.state('peer')).diskFull).toBeUndefined();
    await expect(stack.fillDisk('peer')).rejects.toThrow('it is not a file system of its own');
    await stack.start('peer');

    await stack.freeDisk('peer');
    await stack.freeDisk('peer');
    expect((await stack.state('peer')).diskFull).toBe(false);
    expect(await inPeer(write16k)).toBe('written');
  });

  test('a volume on a disk of its own goes read-only under the running container, and the repair brings it back with its data', async () => {
    const inPeer = (code: string) => runCommand('docker', ['compose', '-f', file, '-p', project, 'exec', '-T', 'peer', 'node', '-e', code]).then((r) => r.stdout.trim());
    const write = "try { require('fs').writeFileSync('/data/after', 'x'); console.log('written') } catch (e) { console.log(e.code) }";
    await inPeer("require('fs').writeFileSync('/data/synced', 'before the fault'); require('child_process').execSync('sync')");
    expect((await stack.state('peer')).diskReadOnly).toBe(false);
    await stack.repairDisk('peer');
    const pidBefore = (await stack.state('peer')).pid;

    await stack.makeDiskReadOnly('peer');
    expect((await stack.state('peer')).diskReadOnly).toBe(true);
    expect(await inPeer(write)).toBe('EROFS');
    await stack.repairDisk('peer');
    await stack.waitHealthy('peer', 60_000);
    const after = await stack.state('peer');
    expect(after).toMatchObject({ running: true, diskReadOnly: false });
    expect(after.pid).not.toBe(pidBefore);
    expect(await inPeer("console.log(require('fs').readFileSync('/data/synced', 'utf8'))")).toBe('before the fault');
    expect(await inPeer(write)).toBe('written');
  });

  test('logs come back demultiplexed from the real engine', async () => {
    expect(await stack.logs('sim', 4_096)).toContain('binance');
  });

  test('preflight with the k2-v2 manifest names the first missing service and what exists instead', async () => {
    const k2 = await loadManifest('k2-v2', { env: {} });
    const error = await preflight({ stack, manifest: k2, healthTimeoutMs: 5_000 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as Error).message).toContain('service (broker) "redpanda" not found; the project "k2-market-data-platform" has "peer", "sim"');
  });
});
