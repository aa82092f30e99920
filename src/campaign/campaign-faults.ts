import type { Fault } from '../chaos/fault';
import { degradeLink } from '../chaos/faults/degrade-link';
import { disconnect } from '../chaos/faults/disconnect';
import { fillDisk } from '../chaos/faults/fill-disk';
import { readOnlyDisk } from '../chaos/faults/read-only-disk';
import { dropExchangeConnections } from '../chaos/faults/drop-exchange-connections';
import { kill } from '../chaos/faults/kill';
import { pause } from '../chaos/faults/pause';
import { restart } from '../chaos/faults/restart';
import { stop } from '../chaos/faults/stop';
import type { StackManifest } from '../manifest/manifest';
import { groundTruthKind } from '../observer/exchange-observers';
import { EXCHANGES } from '../stack/names';

/**
 * The fault kinds a campaign draws from. Each builds an inject/heal pair for one service; the
 * campaign holds it for the scheduled time, then heals it. Exchange simulators hold the ground
 * truth in memory, so only exchange-side faults apply to them.
 */
interface CampaignFaultKind {
  /** Builds the fault; `holdMs` is how long it will stay in place. */
  make(service: string, holdMs: number): Fault;
  /** Which roles it applies to: the pipeline's services, or the exchanges. */
  on: 'pipeline' | 'exchange';
  /**
   * Over once injected (a restart): healed at once and timed from there; its hold only keeps
   * the role free of other faults. Otherwise held, then healed, and timed from the heal.
   */
  instant?: boolean;
  /** Only these roles can take it (those with a disk of their own); absent means every role of `on`. */
  roles?: readonly string[];
  /** Needs a disk of its own on the role (see StartedStack.diskFaultsUnsupported). */
  disk?: boolean;
}

export const CAMPAIGN_FAULT_KINDS: Readonly<Record<string, CampaignFaultKind>> = {
  kill: { make: (service) => kill(service), on: 'pipeline' },
  restart: { make: (service) => restart(service), on: 'pipeline', instant: true },
  stop: { make: (service) => stop(service), on: 'pipeline' },
  pause: { make: (service) => pause(service), on: 'pipeline' },
  partition: { make: (service) => disconnect(service), on: 'pipeline' },
  'packet-loss': { make: (service) => degradeLink(service, { lossPercent: 10 }), on: 'pipeline' },
  'exchange-drop': { make: (service, holdMs) => dropExchangeConnections(service, { refuseMs: holdMs }), on: 'exchange' },
  // The broker's and ClickHouse's disks (failure modes 19 and 21). The read-only repair stops and
  // checks the file system under the service; only the broker's is proven through it (mode 20).
  'disk-full': { make: (service) => fillDisk(service), on: 'pipeline', roles: ['broker', 'olap'], disk: true },
  'read-only-disk': { make: (service) => readOnlyDisk(service), on: 'pipeline', roles: ['broker'], disk: true },
};

/** What `--faults` means when not given. */
export const DEFAULT_CAMPAIGN_FAULTS = ['kill', 'restart', 'pause', 'partition', 'exchange-drop'] as const;

/** A role's name (`broker`, `feed-handler:binance`, `exchange:kraken`) and the manifest's service for it. */
export function campaignRoles(manifest: StackManifest): Record<string, { service: string; on: 'pipeline' | 'exchange' }> {
  const s = manifest.services;
  const roles: Record<string, { service: string; on: 'pipeline' | 'exchange' }> = {
    broker: { service: s.broker, on: 'pipeline' },
    olap: { service: s.olap, on: 'pipeline' },
    'object-store': { service: s.objectStore, on: 'pipeline' },
    'catalog-db': { service: s.catalogDb, on: 'pipeline' },
    offload: { service: s.offload, on: 'pipeline' },
  };
  for (const e of EXCHANGES) roles[`feed-handler:${e}`] = { service: s.feedHandlers[e], on: 'pipeline' };
  if (s.exchanges) for (const e of EXCHANGES) roles[`exchange:${e}`] = { service: s.exchanges[e], on: 'exchange' };
  return roles;
}

/** What the target can apply beyond processes: network faults, and disks of their own (broker, ClickHouse). */
export interface CampaignCapabilities {
  networkFaults: boolean;
  diskFaults: boolean;
}

/**
 * Each chosen kind with the chosen roles it applies to. Unknown names are errors naming the known
 * ones; kinds that need network or disk faults are left out where the target has none, and kinds
 * none of whose roles were chosen are left out too (`skipped` says so).
 */
export function campaignKinds(manifest: StackManifest, options: { faults: readonly string[]; roles?: readonly string[] } & CampaignCapabilities): { kinds: Array<{ kind: string; roles: string[] }>; skipped: string[] } {
  const roles = campaignRoles(manifest);
  for (const f of options.faults) if (!CAMPAIGN_FAULT_KINDS[f]) throw new Error(`campaign: unknown fault kind "${f}"; known: ${Object.keys(CAMPAIGN_FAULT_KINDS).join(', ')}`);
  for (const r of options.roles ?? []) if (!roles[r]) throw new Error(`campaign: unknown role "${r}"; this stack has: ${Object.keys(roles).join(', ')}`);
  const chosen = options.roles ?? Object.keys(roles);
  const skipped: string[] = [];
  const kinds = options.faults.flatMap((kind) => {
    const entry = CAMPAIGN_FAULT_KINDS[kind]!;
    if (entry.make('x', 1).network && !options.networkFaults) {
      skipped.push(`${kind}: this target has no network faults`);
      return [];
    }
    if (entry.disk && !options.diskFaults) {
      skipped.push(`${kind}: this target gives no service a disk of its own to fill`);
      return [];
    }
    if (entry.on === 'exchange' && !exchangeControl(manifest)) {
      skipped.push(`${kind}: the exchanges have no control API (live exchanges, or simulators run --public-only for the observer ground truth)`);
      return [];
    }
    const applicable = chosen.filter((r) => roles[r]!.on === entry.on && (!entry.roles || entry.roles.includes(r)));
    if (applicable.length === 0) {
      skipped.push(`${kind}: applies only to ${entry.roles?.join(' or ')}, and no such role was chosen`);
      return [];
    }
    return [{ kind, roles: applicable }];
  });
  return { kinds, skipped };
}

/** Whether the stack's exchanges are simulators with their control API. */
const exchangeControl = (manifest: StackManifest): boolean => manifest.services.exchanges !== undefined && groundTruthKind(manifest) !== 'observer';

/** The fault a scheduled entry stands for, and whether it is over once injected. */
export function campaignFault(manifest: StackManifest, kind: string, role: string, holdMs: number): { fault: Fault; instant: boolean } {
  const entry = CAMPAIGN_FAULT_KINDS[kind];
  const target = campaignRoles(manifest)[role];
  if (!entry || !target) throw new Error(`campaign: no fault "${kind}" on role "${role}"`);
  return { fault: entry.make(target.service, holdMs), instant: entry.instant ?? false };
}
