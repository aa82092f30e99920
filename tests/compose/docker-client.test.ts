import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDocker, negotiateApiVersion } from '../../src/targets/compose/docker-client';
import { FakeDockerEngine } from './fake-docker-engine';

test('negotiates the engine\'s API version, capped at the newest the target speaks', () => {
  expect(negotiateApiVersion('1.41')).toBe('1.41');
  expect(negotiateApiVersion('1.45')).toBe('1.45');
  expect(negotiateApiVersion('1.47')).toBe('1.47');
  expect(negotiateApiVersion('1.51')).toBe('1.47');
  expect(() => negotiateApiVersion('1.40', '19.03.5')).toThrow('the Docker engine (19.03.5) speaks API 1.40; the compose target needs 1.41 or newer');
  expect(() => negotiateApiVersion('')).toThrow('reports API version ""');
});

test('an Engine 20.10 (API 1.41) gets every call at /v1.41, not a version it refuses', async () => {
  const engine = await new FakeDockerEngine({ apiVersion: '1.41' }).start();
  try {
    const { docker, apiVersion } = await connectDocker(engine.socketPath);
    expect(apiVersion).toBe('1.41');
    await docker.listContainers({ all: true });
    expect(engine.calls).toEqual(['GET /version', 'GET /v1.41/containers/json?all=true']);
  } finally {
    await engine.close();
  }
});

test('no engine on the socket is one line naming the socket and what to do', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k2-no-docker-'));
  try {
    const socket = join(dir, 'docker.sock');
    await expect(connectDocker(socket)).rejects.toThrow(`no Docker engine answers on ${socket} (no socket there): start one`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
