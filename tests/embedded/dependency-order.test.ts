import { expect, test } from '@playwright/test';
import { REFERENCE_MANIFEST } from '../../src/manifest/reference';
import { dependencyOrder } from '../../src/targets/embedded/dependency-order';
import { embeddedServices } from '../../src/targets/embedded/embedded-services';
import type { ServiceDefinition } from '../../src/targets/embedded/service-definition';

const services = embeddedServices(REFERENCE_MANIFEST);

test('a service comes after everything it depends on, and pulls its dependencies in', () => {
  const order = dependencyOrder(services, ['feed-handler-kraken', 'offload']);
  expect(order).toEqual(expect.arrayContaining(['broker', 'exchange-kraken', 'feed-handler-kraken', 'clickhouse', 'postgres', 'object-store', 'offload']));
  expect(order).toHaveLength(7);
  for (const name of order) {
    for (const dependency of services.get(name)!.dependsOn) expect(order.indexOf(dependency)).toBeLessThan(order.indexOf(name));
  }
});

test('every reference service is declared, with the role the manifest gives its name', () => {
  const m = REFERENCE_MANIFEST.services;
  const roles = Object.fromEntries([...services.values()].map((d) => [d.name, d.role]));
  expect(roles).toMatchObject({ [m.broker]: 'broker', [m.olap]: 'olap', [m.catalogDb]: 'catalogDb', [m.objectStore]: 'objectStore',
    [m.offload]: 'offload', [m.feedHandlers.binance]: 'feedHandler', [m.exchanges!.coinbase]: 'exchange' });
  expect(services.size).toBe(11);
});

test('an unknown service and a dependency cycle are errors naming them', () => {
  expect(() => dependencyOrder(services, ['redpanda'])).toThrow('unknown service "redpanda"; this stack has: postgres');
  const node = (name: string, dependsOn: string[]): ServiceDefinition => ({ ...services.get('postgres')!, name, dependsOn });
  const cyclic = new Map([['a', node('a', ['b'])], ['b', node('b', ['a'])]]);
  expect(() => dependencyOrder(cyclic, ['a'])).toThrow('dependency cycle: a -> b -> a');
  const dangling = new Map([['a', node('a', ['ghost'])]]);
  expect(() => dependencyOrder(dangling, ['a'])).toThrow('service a depends on unknown service "ghost"');
});
