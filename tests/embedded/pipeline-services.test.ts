import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'minio';
import type { EmbeddedStack } from '../../src/targets/embedded/embedded-stack';
import { answers, removeStack, startStack } from './support/embedded-harness';

test.describe.configure({ mode: 'serial' });

let stack: EmbeddedStack | undefined;

test.beforeAll(async () => {
  stack = await startStack(['feed-handler-binance', 'object-store']);
});

test.afterAll(async () => {
  await removeStack(stack);
});

test('a feed handler comes up after its broker and simulator, each at its own address', async () => {
  const s = stack!;
  expect(s.services()).toEqual(['broker', 'exchange-binance', 'feed-handler-binance', 'object-store']);
  const hosts = s.services().map((name) => s.context(name).host);
  expect(new Set(hosts).size).toBe(hosts.length);
  for (const name of s.services()) expect(await answers(s, name)).toBe(true);
  const health = (await (await fetch(`${s.endpoints.feedHandlers.binance.httpUrl}/health`)).json()) as { wsConnected?: boolean };
  expect(health.wsConnected).toBe(true);
  expect((await fetch(s.endpoints.exchanges.binance.restUrl.replace(/\/$/, '') + '/health')).ok).toBe(true);
});

test('the broker holds the manifest\'s topics and the object store the warehouse bucket', async () => {
  const s = stack!;
  const admin = new Kafka({ brokers: s.endpoints.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(Object.values(s.manifest.kafka.rawTopics)));
  } finally {
    await admin.disconnect();
  }
  const { bucket, ...options } = s.endpoints.objectStore;
  expect(await new Client({ ...options, pathStyle: true }).bucketExists(bucket)).toBe(true);
});

test('killing the broker leaves the feed handler running; the broker comes back on start', async () => {
  const s = stack!;
  await s.kill('broker');
  expect((await s.state('broker')).running).toBe(false);
  expect((await s.state('feed-handler-binance')).running).toBe(true);
  await s.start('broker');
  await s.waitHealthy('broker');
  await s.waitHealthy('feed-handler-binance');
});
