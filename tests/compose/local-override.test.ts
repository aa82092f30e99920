import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REFERENCE_TEST_CREDENTIALS } from '../../src/targets/compose/reference-compose-project';
import { LOCAL_IMAGES } from '../../src/targets/compose/images/local-images';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The two files merged by Compose itself: `!reset` and anchors are Compose's semantics, not plain YAML's. */
function mergedConfig(env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync('docker', ['compose', '-f', 'docker-compose.v2.yml', '-f', 'docker-compose.local.yml', 'config', '--format', 'json'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...REFERENCE_TEST_CREDENTIALS, ...env } });
  return result;
}

test('with docker-compose.local.yml no service builds or pulls: every image is one `k2-chaos images build` makes', () => {
  const result = mergedConfig();
  test.skip(result.error !== undefined || /unknown command|is not a docker command/.test(result.stderr), 'no Docker Compose v2 plugin here');
  expect(result.status, result.stderr).toBe(0);
  const services = (JSON.parse(result.stdout) as { services: Record<string, { image?: string; build?: unknown; pull_policy?: string }> }).services;
  const local = new Set(LOCAL_IMAGES.map((i) => i.tag));
  for (const [name, service] of Object.entries(services)) {
    expect(service.build, `${name} builds`).toBeUndefined();
    expect(local.has(service.image ?? ''), `${name} runs ${service.image}`).toBe(true);
    expect(service.pull_policy, name).toBe('never');
  }
});

test('K2_GROUND_TRUTH=observer reaches the simulators, which then serve only their public surface', () => {
  const result = mergedConfig({ K2_GROUND_TRUTH: 'observer' });
  test.skip(result.error !== undefined || /unknown command|is not a docker command/.test(result.stderr), 'no Docker Compose v2 plugin here');
  const services = (JSON.parse(result.stdout) as { services: Record<string, { environment?: Record<string, string> }> }).services;
  for (const exchange of ['binance', 'kraken', 'coinbase']) expect(services[`exchange-${exchange}`]!.environment?.K2_GROUND_TRUTH).toBe('observer');
});
