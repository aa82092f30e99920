import { EXCHANGES } from '../stack/names';
import type { StackManifest } from './manifest';

/** One service a manifest names, with the role it plays ("broker", "feedHandler.kraken"). */
export interface RoleService {
  role: string;
  service: string;
}

/** Every service the manifest names, in a stable order: infrastructure, then per exchange. */
export function manifestServices(manifest: StackManifest): RoleService[] {
  const { services } = manifest;
  const list: RoleService[] = [
    { role: 'broker', service: services.broker },
    { role: 'olap', service: services.olap },
    { role: 'objectStore', service: services.objectStore },
    { role: 'catalogDb', service: services.catalogDb },
    { role: 'offload', service: services.offload },
  ];
  for (const exchange of EXCHANGES) list.push({ role: `feedHandler.${exchange}`, service: services.feedHandlers[exchange] });
  if (services.exchanges) {
    for (const exchange of EXCHANGES) list.push({ role: `exchange.${exchange}`, service: services.exchanges[exchange] });
  }
  return list;
}

/** The manifest's services whose role is in `roles` (`feedHandler` covers every exchange's); all without `roles`. */
export function selectRoles(manifest: StackManifest, roles?: readonly string[]): RoleService[] {
  return manifestServices(manifest).filter((r) => !roles || roles.some((role) => r.role === role || r.role.startsWith(`${role}.`)));
}
