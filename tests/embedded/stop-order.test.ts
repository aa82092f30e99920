import { expect, test } from '@playwright/test';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { embeddedServices } from '../../src/targets/embedded/embedded-services';
import { stopAllAtOnce, stopDependentsFirst } from '../../src/targets/embedded/stop-dependents-first';

const definitions = embeddedServices(REFERENCE_MANIFEST);

/** A stop that records when it began and ends only when the test lets it. */
function recordingStops() {
  const begun: string[] = [];
  const release = new Map<string, () => void>();
  const stop = (service: string) => new Promise<void>((resolve, reject) => {
    begun.push(service);
    release.set(service, () => (service === 'broken' ? reject(new Error('broken would not stop')) : resolve()));
  });
  return { begun, release, stop };
}

test('dependents first: the broker is not asked to stop while a feed handler still runs', async () => {
  const { begun, release, stop } = recordingStops();
  const done = stopDependentsFirst(['broker', 'feed-handler-binance', 'exchange-binance'], definitions, stop);
  await new Promise((resolve) => setImmediate(resolve));
  expect(begun).toEqual(['feed-handler-binance']);
  release.get('feed-handler-binance')!();
  await new Promise((resolve) => setImmediate(resolve));
  expect(begun.sort()).toEqual(['broker', 'exchange-binance', 'feed-handler-binance']);
  for (const r of release.values()) r();
  await done;
});

test('all at once: every service is asked to stop before any has stopped, and a failure comes after every attempt', async () => {
  const { begun, release, stop } = recordingStops();
  const done = stopAllAtOnce(['broker', 'broken', 'feed-handler-binance'], stop);
  await new Promise((resolve) => setImmediate(resolve));
  expect(begun).toEqual(['broker', 'broken', 'feed-handler-binance']);
  for (const r of release.values()) r();
  await expect(done).rejects.toThrow('broken would not stop');
});
