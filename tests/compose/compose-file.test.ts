import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { manifestServices } from '../../src/manifest/manifest-services';
import { REFERENCE_MANIFEST as REF } from '../../src/manifest/reference';
import { EXCHANGES } from '../../src/stack/names';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(ROOT + path, 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  healthcheck?: { test?: unknown };
  networks?: string[] | Record<string, unknown>;
  volumes?: string[];
  restart?: string;
  command?: string[] | string;
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read('docker-compose.v2.yml'), { merge: true }) as {
  name: string;
  networks: Record<string, { name?: string; driver?: string }>;
  volumes: Record<string, unknown>;
  services: Record<string, Service>;
};
const services = Object.entries(compose.services);
/** One-shot setup services: restart "no", and others wait for them to complete. */
const oneShot = new Set(services.filter(([, s]) => s.restart === 'no').map(([name]) => name));
const longRunning = services.filter(([name]) => !oneShot.has(name));
const networksOf = (s: Service): string[] => (Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {}));

test('the project, network and service names are the reference manifest\'s', () => {
  expect(compose.name).toBe(REF.project);
  expect(Object.keys(compose.networks)).toEqual([REF.network]);
  expect(compose.networks[REF.network]).toEqual({ name: REF.network, driver: 'bridge' });
  const named = manifestServices(REF).map((s) => s.service).sort();
  expect(longRunning.map(([name]) => name).sort()).toEqual(named);
});

test('every service has an image or build and is on the network; long-running ones have a healthcheck and restart unless-stopped', () => {
  for (const [name, service] of services) {
    expect(service.image ?? service.build, `${name} has no image or build`).toBeTruthy();
    expect(networksOf(service), `${name} is not on ${REF.network}`).toContain(REF.network);
  }
  for (const [name, service] of longRunning) {
    expect(service.healthcheck?.test, `${name} has no healthcheck`).toBeTruthy();
    expect(service.restart, `${name} restart policy`).toBe('unless-stopped');
  }
});

test('one-shot services are waited for by a dependant, so their failure stops the stack', () => {
  expect([...oneShot].sort()).toEqual(['broker-init', 'clickhouse-init', 'object-store-init', 'postgres-init']);
  for (const name of oneShot) {
    const waiter = services.find(([, s]) => s.depends_on?.[name]?.condition === 'service_completed_successfully');
    expect(waiter, `nothing waits for ${name}`).toBeTruthy();
  }
});

test('images are pinned to a version, never latest or untagged', () => {
  for (const [name, service] of services) {
    if (!service.image) continue;
    const tag = /:([^/:@]+)$/.exec(service.image)?.[1];
    expect(tag, `${name}: ${service.image} has no tag`).toBeTruthy();
    expect(tag, `${name}: ${service.image}`).not.toBe('latest');
  }
  const images = services.map(([, s]) => s.image ?? '');
  expect(images).toContain('docker.redpanda.com/redpandadata/redpanda:v25.3.4');
  expect(images.some((i) => /^clickhouse\/clickhouse-server:24\./.test(i))).toBe(true);
  expect(images.some((i) => /^minio\/minio:RELEASE\./.test(i))).toBe(true);
  expect(images).toContain('postgres:15-alpine');
});

test('every file it mounts exists and every named volume is declared', () => {
  for (const [name, service] of services) {
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0]!;
      if (source.startsWith('.')) expect(existsSync(ROOT + source), `${name} mounts missing ${source}`).toBe(true);
      else expect(Object.keys(compose.volumes), `${name} uses undeclared volume ${source}`).toContain(source);
    }
  }
});

test('the init services create exactly the manifest\'s topics and bucket, and apply the stack schemas', () => {
  const topics = String(compose.services['broker-init']!.command);
  expect(topics).toContain('market.crypto.trades.$$exchange.raw');
  expect(topics).toContain('market.crypto.trades.$$exchange.dlq');
  for (const e of EXCHANGES) {
    expect(REF.kafka.rawTopics[e]).toBe(`market.crypto.trades.${e}.raw`);
    expect(topics).toContain(e);
  }
  expect(String(compose.services['object-store-init']!.command)).toContain(`k2/${REF.objectStore.bucket}`);
  expect(compose.services['clickhouse-init']!.volumes).toContain('./stack/clickhouse/schema.sql:/schema/schema.sql:ro');
  expect(compose.services['postgres-init']!.volumes).toContain('./stack/postgres/schema.sql:/schema/schema.sql:ro');
});

test('our services run k2-chaos subcommands that exist, with flags their usage documents', () => {
  const main = read('src/cli/main.ts');
  const dockerfile = read('Dockerfile');
  expect(dockerfile).toMatch(/^FROM node:20[.\w-]*$/m);
  expect(dockerfile).toContain('ENTRYPOINT ["node", "bin/k2-chaos.mjs"]');
  for (const [name, service] of services.filter(([, s]) => s.build)) {
    const [subcommand, ...args] = service.command as string[];
    const entry = new RegExp(`^\\s*'?${subcommand}'?: \\(\\) => import\\('([^']+)'\\)`, 'm').exec(main);
    expect(entry, `${name}: k2-chaos ${subcommand} is not a command`).toBeTruthy();
    const cli = relative(ROOT, resolve(ROOT, 'src/cli', `${entry![1]}.ts`));
    // A command whose module has not landed yet cannot be checked flag by flag.
    if (!existsSync(ROOT + cli)) continue;
    const usage = read(cli);
    for (const flag of args.filter((a) => a.startsWith('--'))) expect(usage, `${name}: ${cli} has no ${flag}`).toContain(flag);
  }
});
