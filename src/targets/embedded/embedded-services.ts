import type { StackManifest } from '../../manifest/manifest';
import { EXCHANGES } from '../../stack/names';
import type { ServiceDefinition } from './service-definition';
import { brokerService } from './services/broker';
import { clickhouseService } from './services/clickhouse';
import { exchangeSimService } from './services/exchange-sim';
import { feedHandlerService } from './services/feed-handler';
import { objectStoreService } from './services/object-store';
import { offloadService } from './services/offload';
import { postgresService } from './services/postgres';

/**
 * The embedded stack's services, named by the manifest: the manifest says which name each role
 * has, the definitions say how each role runs as a local process.
 */
export function embeddedServices(manifest: StackManifest): Map<string, ServiceDefinition> {
  const names = manifest.services;
  const list: ServiceDefinition[] = [
    postgresService(names.catalogDb),
    clickhouseService(names.olap, manifest, names.broker),
    objectStoreService(names.objectStore, manifest.objectStore.bucket),
    brokerService(names.broker, manifest),
    offloadService(names.offload, names.olap, names.catalogDb, names.objectStore, manifest.objectStore.bucket),
  ];
  for (const exchange of EXCHANGES) {
    const simulator = names.exchanges?.[exchange];
    if (simulator) list.push(exchangeSimService(simulator, exchange));
    // Without a simulator the handler reads the live exchange, which the embedded target never does.
    if (simulator) list.push(feedHandlerService(names.feedHandlers[exchange], exchange, names.broker, simulator));
  }
  const map = new Map<string, ServiceDefinition>();
  for (const definition of list) {
    if (map.has(definition.name)) throw new Error(`manifest ${manifest.name} gives two roles the service name "${definition.name}"`);
    map.set(definition.name, definition);
  }
  return map;
}
