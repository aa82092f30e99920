import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '../../src/manifest/load-manifest';
import { manifestServices } from '../../src/manifest/manifest-services';
import { preflight } from '../../src/manifest/preflight/run-preflight';
import type { ComposeStack } from '../../src/targets/compose/compose-stack';
import { upComposeStack } from '../../src/targets/compose/up-compose-stack';
import { FakeDockerEngine, type FakeContainer } from './fake-docker-engine';

/** K2's credentials, named as the k2-v2 manifest names them; values are test-only. */
const K2_ENV = {
  CLICKHOUSE_USER: 'default', CLICKHOUSE_PASSWORD: 'pw', PREFECT_DB_USER: 'prefect', PREFECT_DB_PASSWORD: 'pw',
  PREFECT_DB_NAME: 'prefect', MINIO_ROOT_USER: 'minio', MINIO_ROOT_PASSWORD: 'minio-pw',
};
const IMAGES: Record<string, string> = {
  redpanda: 'docker.redpanda.com/redpandadata/redpanda:v25.3.4',
  clickhouse: 'clickhouse/clickhouse-server:24.3-alpine',
  minio: 'minio/minio:RELEASE.2024-01-18T22-51-28Z',
  'prefect-db': 'postgres:15-alpine',
};
const PUBLISHED: Record<string, string> = { redpanda: '9092', clickhouse: '8123', minio: '9000', 'prefect-db': '5432' };

/** A fake engine holding K2 v2 as compose would have created it, plus one container of another project. */
async function k2Engine() {
  const engine = await new FakeDockerEngine().start();
  const manifest = await loadManifest('k2-v2', { env: {} });
  const project = 'k2-market-data-platform';
  const net = engine.addNetwork(`${project}_k2-net`, { 'com.docker.compose.project': project, 'com.docker.compose.network': 'k2-net' });
  const containers: Record<string, FakeContainer> = {};
  for (const { service } of manifestServices(manifest)) {
    const port = PUBLISHED[service];
    const c = engine.addContainer({
      name: `k2-${service}`, service, project, running: true, health: 'healthy',
      image: IMAGES[service] ?? `k2-${service}:latest`,
      ports: port ? { [`${port}/tcp`]: [{ HostIp: '0.0.0.0', HostPort: port }] } : {},
    });
    engine.attach(c, net, { Aliases: [`k2-${service}`, service, c.Id.slice(0, 12)], IPAMConfig: { IPv4Address: `172.28.0.${10 + Object.keys(containers).length}` } });
    containers[service] = c;
  }
  engine.addContainer({ name: 'other-web', service: 'web', project: 'other', running: true, image: 'nginx:1.27' });
  const runDir = mkdtempSync(join(tmpdir(), 'k2-compose-run-'));
  const stack = await upComposeStack({ manifest, dockerSocket: engine.socketPath, env: K2_ENV, runDir }).catch(async (error: unknown) => {
    await engine.close();
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  });
  engine.calls.length = 0;
  return {
    engine, stack: stack as ComposeStack, containers, net, manifest, runDir,
    async [Symbol.asyncDispose]() {
      await engine.close();
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

test('finds the project by the compose labels and builds endpoints from published ports', async () => {
  await using k2 = await k2Engine();
  expect(k2.stack.services()).toEqual(manifestServices(k2.manifest).map((s) => s.service).sort());
  expect(k2.stack.services()).not.toContain('web');
  expect(k2.stack.endpoints.brokers).toEqual(['127.0.0.1:9092']);
  expect(k2.stack.endpoints.clickhouse).toEqual({ url: 'http://127.0.0.1:8123', username: 'default', password: 'pw', database: 'k2' });
  expect(k2.stack.endpoints.postgres).toMatchObject({ host: '127.0.0.1', port: 5432, user: 'prefect', database: 'prefect' });
  expect(k2.stack.endpoints.feedHandlers.kraken.httpUrl).toBe('');
  expect(k2.stack.endpoints.exchanges.binance.wsUrl).toBe('wss://stream.binance.com:9443/ws');
  expect(await k2.stack.versions()).toMatchObject({ clickhouse: '24.3-alpine', redpanda: 'v25.3.4', minio: 'RELEASE.2024-01-18T22-51-28Z' });
});

test('kill sends SIGKILL once and leaves the container exited; a second kill is a no-op', async () => {
  await using k2 = await k2Engine();
  const id = k2.containers.clickhouse!.Id;
  await k2.stack.kill('clickhouse');
  await k2.stack.kill('clickhouse');
  expect(k2.engine.calls.filter((c) => c.startsWith('POST'))).toEqual([`POST /v1.47/containers/${id}/kill?signal=SIGKILL`]);
  expect(k2.containers.clickhouse!.running).toBe(false);
  expect(await k2.stack.state('clickhouse')).toMatchObject({ running: false, paused: false, connected: true });
});

test('stop and start are idempotent and accept the container name too', async () => {
  await using k2 = await k2Engine();
  const id = k2.containers['feed-handler-binance']!.Id;
  await k2.stack.stop('feed-handler-binance');
  await k2.stack.stop('k2-feed-handler-binance');
  expect(k2.containers['feed-handler-binance']!.running).toBe(false);
  await k2.stack.start('feed-handler-binance');
  await k2.stack.start('feed-handler-binance');
  expect(k2.containers['feed-handler-binance']!.running).toBe(true);
  expect(k2.engine.calls.filter((c) => c.startsWith('POST'))).toEqual([
    `POST /v1.47/containers/${id}/stop?t=10`,
    `POST /v1.47/containers/${id}/start`,
    `POST /v1.47/containers/${id}/start`,
  ]);
});

test('pause and unpause change the state once; stopping a paused service unpauses it first', async () => {
  await using k2 = await k2Engine();
  const id = k2.containers.redpanda!.Id;
  await k2.stack.pause('redpanda');
  await k2.stack.pause('redpanda');
  expect(await k2.stack.state('redpanda')).toMatchObject({ running: true, paused: true });
  await k2.stack.restart('redpanda');
  expect(k2.engine.calls.filter((c) => c.startsWith('POST'))).toEqual([
    `POST /v1.47/containers/${id}/pause`,
    `POST /v1.47/containers/${id}/unpause`,
    `POST /v1.47/containers/${id}/restart?t=10`,
  ]);
  await k2.stack.unpause('redpanda');
  expect(k2.containers.redpanda!.paused).toBe(false);
  await k2.stack.stop('minio');
  await expect(k2.stack.pause('minio')).rejects.toThrow('cannot pause service "minio": it is not running');
});

test('disconnect removes the container from the network; connect restores its aliases and fixed address', async () => {
  await using k2 = await k2Engine();
  const c = k2.containers.clickhouse!;
  const before = structuredClone(c.networks['k2-market-data-platform_k2-net']!);
  await k2.stack.disconnect('clickhouse');
  await k2.stack.disconnect('clickhouse');
  const members = await k2.stack.projectNetworks();
  expect(members).toHaveLength(1);
  expect(members[0]!.members).not.toContain('clickhouse');
  expect(await k2.stack.state('clickhouse')).toMatchObject({ running: true, connected: false });
  await k2.stack.connect('clickhouse');
  await k2.stack.connect('clickhouse');
  const after = c.networks['k2-market-data-platform_k2-net']!;
  expect(after.Aliases).toEqual(['k2-clickhouse', 'clickhouse']);
  expect(after.IPAMConfig).toEqual(before.IPAMConfig);
  expect(k2.engine.calls.filter((call) => call.startsWith('POST'))).toEqual([
    `POST /v1.47/networks/${k2.net.Id}/disconnect`,
    `POST /v1.47/networks/${k2.net.Id}/connect`,
  ]);
});

test('a heal from a new process reconnects with the attachment the first one remembered', async () => {
  await using k2 = await k2Engine();
  await k2.stack.disconnect('redpanda');
  const second = await upComposeStack({ manifest: k2.manifest, dockerSocket: k2.engine.socketPath, env: K2_ENV, runDir: k2.runDir });
  await second.connect('redpanda');
  expect(k2.containers.redpanda!.networks['k2-market-data-platform_k2-net']?.Aliases).toEqual(['k2-redpanda', 'redpanda']);
});

test('waitHealthy follows the health status and reports the last probe on timeout', async () => {
  await using k2 = await k2Engine();
  k2.containers.minio!.health = 'starting';
  setTimeout(() => (k2.containers.minio!.health = 'healthy'), 300);
  await k2.stack.waitHealthy('minio', 20_000);
  k2.containers['prefect-db']!.health = 'unhealthy';
  await expect(k2.stack.waitHealthy('prefect-db', 100)).rejects.toThrow('service "prefect-db" not healthy after 100 ms: health unhealthy (probe says unhealthy)');
});

test('logs demultiplex stdout and stderr and keep the last bytes', async () => {
  await using k2 = await k2Engine();
  k2.containers.clickhouse!.logs = [[1, 'ready\n'], [2, 'warn: slow\n'], [1, 'query ok\n']];
  expect(await k2.stack.logs('clickhouse')).toBe('ready\nwarn: slow\nquery ok\n');
  expect(await k2.stack.logs('clickhouse', 9)).toBe('query ok\n');
  expect(k2.engine.calls.filter((c) => c.includes('/logs')).at(-1)).toBe(`GET /v1.47/containers/${k2.containers.clickhouse!.Id}/logs?stdout=true&stderr=true&follow=false&tail=1`);
  k2.containers.redpanda!.tty = true;
  k2.containers.redpanda!.logs = [[1, 'tty line\n']];
  expect(await k2.stack.logs('redpanda')).toBe('tty line\n');
});

test('preflight on the compose target names the seed\'s wrong network and a service moved off the network', async () => {
  await using k2 = await k2Engine();
  const readers = { clickhouse: async () => { throw new Error('not reached'); } };
  await expect(preflight({ stack: k2.stack, manifest: { ...k2.manifest, network: 'k2-network' }, readers })).rejects.toThrow(
    'network "k2-network" not found; the project has "k2-net"',
  );
  await k2.stack.disconnect('spark-iceberg');
  await expect(preflight({ stack: k2.stack, readers })).rejects.toThrow(
    'service "spark-iceberg" (offload) is not on network "k2-net"; it is on no network of the project',
  );
});

test('unknown names are errors naming what exists', async () => {
  await using k2 = await k2Engine();
  await expect(k2.stack.stop('redpanda-0')).rejects.toThrow(/^service "redpanda-0" not found; the project "k2-market-data-platform" has "redpanda", /);
  await expect(upComposeStack({ manifest: { ...k2.manifest, project: 'k2' }, dockerSocket: k2.engine.socketPath, env: K2_ENV, runDir: k2.runDir }))
    .rejects.toThrow('compose project "k2" not found; Docker has "k2-market-data-platform", "other"');
  const renamed = await upComposeStack({ manifest: { ...k2.manifest, project: 'k2' }, dockerSocket: k2.engine.socketPath, env: { ...K2_ENV, K2_COMPOSE_PROJECT: 'k2-market-data-platform' }, runDir: k2.runDir });
  expect(renamed.services()).toContain('redpanda');
  await expect(upComposeStack({ manifest: k2.manifest, dockerSocket: k2.engine.socketPath, env: {}, runDir: k2.runDir }))
    .rejects.toThrow('environment variable CLICKHOUSE_USER is not set (manifest.credentials.clickhouseUser of manifest "k2-v2")');
});

test('the fake engine rejects endpoints the target does not use', async () => {
  await using k2 = await k2Engine();
  const response = await fetchOverSocket(k2.engine.socketPath, 'DELETE', `/v1.47/containers/${k2.containers.minio!.Id}`);
  expect(response).toEqual({ status: 404, body: { message: `fake engine: no route for DELETE /v1.47/containers/${k2.containers.minio!.Id}` } });
  expect((await fetchOverSocket(k2.engine.socketPath, 'GET', '/containers/json')).status).toBe(400);
});

async function fetchOverSocket(socketPath: string, method: string, path: string): Promise<{ status: number; body: unknown }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('k2-chaos preflight --target compose exits 1 naming the missing network, 2 on bad input', async () => {
  await using k2 = await k2Engine();
  const { command } = await import('../../src/manifest/cli/preflight');
  const manifestPath = join(k2.runDir, 'seed-names.json');
  writeFileSync(manifestPath, JSON.stringify({ ...k2.manifest, network: 'k2-market-data-platform_default' }));
  const errors: string[] = [];
  const saved = { error: console.error, env: { ...process.env } };
  console.error = (...args: unknown[]) => void errors.push(args.join(' '));
  Object.assign(process.env, K2_ENV, { K2_CHAOS_RUN_DIR: k2.runDir });
  try {
    const code = await command.run(['--target', 'compose', '--docker-socket', k2.engine.socketPath, '--manifest', manifestPath, '--health-timeout-ms', '1000']);
    expect(code).toBe(1);
    expect(errors).toEqual(['preflight (k2-v2): network "k2-market-data-platform_default" not found; the project has "k2-net"']);
    await expect(command.run(['--target', 'kubernetes'])).rejects.toThrow('--target must be embedded or compose, got "kubernetes"');
  } finally {
    console.error = saved.error;
    process.env = saved.env;
  }
});
