import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/k2-chaos.mjs', import.meta.url));
const { K2_MANIFEST: _ignored, ...ENV } = process.env;
const k2 = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: ENV });

test('init names the parts it knows when given none or another', () => {
  const none = k2('init');
  expect(none.status).toBe(2);
  expect(none.stderr).toContain('name what to create: topics, clickhouse, postgres, bucket');
  const unknown = k2('init', 'kafka');
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('unknown part "kafka"; one of topics, clickhouse, postgres, bucket');
});

test('init names the missing flag or credential before connecting anywhere', () => {
  const noBrokers = k2('init', 'topics');
  expect(noBrokers.status).toBe(2);
  expect(noBrokers.stderr).toContain('--brokers is required');
  const badBrokers = k2('init', 'topics', '--brokers', 'broker');
  expect(badBrokers.status).toBe(2);
  expect(badBrokers.stderr).toContain('--brokers must be HOST:PORT');
  const noUser = spawnSync(process.execPath, [BIN, 'init', 'postgres', '--postgres', '127.0.0.1:1'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  expect(noUser.status).toBe(2);
  expect(noUser.stderr).toContain('environment variable K2_POSTGRES_USER is required');
});

test('init names an unknown manifest and the known ones', () => {
  const result = k2('init', 'topics', '--brokers', 'broker:9092', '--manifest', 'k3');
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('manifest "k3" not found; known manifests: k2-v2, reference');
});

test('images takes the one action build', () => {
  const result = k2('images', 'push');
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('unknown action "push"; the one action is build');
});
