import { expect, test } from '@playwright/test';
import type { EmbeddedStack } from '../../src/targets/embedded/embedded-stack';
import { answers, pidExists, removeStack, startStack } from './support/embedded-harness';

test.describe.configure({ mode: 'serial' });

let stack: EmbeddedStack | undefined;
const PG = 'postgres';

test.beforeAll(async () => {
  stack = await startStack([PG]);
});

test.afterAll(async () => {
  await removeStack(stack);
});

const up = (): EmbeddedStack => {
  if (!stack) throw new Error('the stack did not start');
  return stack;
};

test('a started service runs at its own namespace address and answers there', async () => {
  const s = up();
  const state = await s.state(PG);
  expect(state).toMatchObject({ running: true, paused: false, connected: true });
  expect(s.endpoints.postgres.host).not.toBe('127.0.0.1');
  expect(s.supportsNetworkFaults).toBe(true);
  expect(await answers(s, PG)).toBe(true);
});

test('kill removes the process and start brings the service back', async () => {
  const s = up();
  const { pid } = await s.state(PG);
  await s.kill(PG);
  await expect.poll(() => pidExists(pid!)).toBe(false);
  expect((await s.state(PG)).running).toBe(false);
  expect(await answers(s, PG)).toBe(false);
  await s.kill(PG);
  await s.start(PG);
  await s.waitHealthy(PG);
  expect((await s.state(PG)).pid).not.toBe(pid);
});

test('stop ends the process gracefully; start is a no-op on a running service', async () => {
  const s = up();
  await s.stop(PG);
  await s.stop(PG);
  expect((await s.state(PG)).running).toBe(false);
  await s.start(PG);
  const { pid } = await s.state(PG);
  await s.start(PG);
  expect((await s.state(PG)).pid).toBe(pid);
  await s.waitHealthy(PG);
});

test('restart replaces the process', async () => {
  const s = up();
  const before = (await s.state(PG)).pid;
  await s.restart(PG);
  await s.waitHealthy(PG);
  expect((await s.state(PG)).pid).not.toBe(before);
});

test('pause leaves the process running but silent; unpause makes it answer again', async () => {
  const s = up();
  await s.pause(PG);
  await s.pause(PG);
  expect(await s.state(PG)).toMatchObject({ running: true, paused: true });
  expect(await answers(s, PG)).toBe(false);
  await s.unpause(PG);
  await s.unpause(PG);
  expect((await s.state(PG)).paused).toBe(false);
  await s.waitHealthy(PG, 10_000);
});

test('disconnect makes the service unreachable; connect makes it reachable again', async () => {
  const s = up();
  await s.disconnect(PG);
  await s.disconnect(PG);
  expect(await s.state(PG)).toMatchObject({ running: true, connected: false });
  expect(await answers(s, PG)).toBe(false);
  await s.connect(PG);
  await s.connect(PG);
  expect((await s.state(PG)).connected).toBe(true);
  await s.waitHealthy(PG, 30_000);
});

test('waitHealthy fails at once, with the log, when the service is not running', async () => {
  const s = up();
  await s.kill(PG);
  await expect(s.waitHealthy(PG, 60_000)).rejects.toThrow(/postgres is not running[\s\S]*starting postgres/);
  await s.start(PG);
  await s.waitHealthy(PG);
});

test('pausing a stopped service is refused; an unknown service is named in the error', async () => {
  const s = up();
  await s.stop(PG);
  await expect(s.pause(PG)).rejects.toThrow('cannot pause postgres: it is not running');
  await s.start(PG);
  await expect(s.kill('no-such-service')).rejects.toThrow('unknown service "no-such-service"');
  await s.waitHealthy(PG);
});
