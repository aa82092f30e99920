import type { StackEndpoints } from '../../targets/endpoints';
import type { ServiceState, StartedStack } from '../../targets/started-stack';
import type { PreflightCheckName, StackManifest } from '../manifest';
import { selectRoles } from '../manifest-services';
import {
  compareBucket, compareClickhouse, compareConnected, compareNetwork, compareServiceState, compareServices,
  compareTopics, compareWatermarks, type ClickhouseFacts, type NetworkFacts, type PreflightProblem, type WatermarkFacts,
} from './preflight-compare';
import { readBuckets } from './read-buckets';
import { readClickhouseFacts } from './read-clickhouse-facts';
import { readTopics } from './read-topics';
import { readWatermarkFacts } from './read-watermark-facts';

/** The first name preflight could not find; the run must stop before any fault. */
export class PreflightError extends Error {
  override name = 'PreflightError';
  constructor(readonly check: PreflightCheckName, message: string, readonly manifest: string) {
    super(`preflight (${manifest}): ${message}`);
  }
}

/** A stack that can list its networks with their members (compose); others report `connected` per service. */
export interface InspectsNetworks {
  projectNetworks(): Promise<NetworkFacts[]>;
}

/** How preflight reads the live stack; tests replace them, the defaults use the real clients. */
export interface PreflightReaders {
  clickhouse(endpoint: StackEndpoints['clickhouse'], database: string): Promise<ClickhouseFacts>;
  topics(brokers: string[]): Promise<string[]>;
  watermarks(endpoint: StackEndpoints['postgres'], table: string): Promise<WatermarkFacts>;
  buckets(endpoint: StackEndpoints['objectStore']): Promise<string[]>;
}

export interface PreflightOptions {
  stack: StartedStack;
  /** The names to check; the stack's own manifest by default. */
  manifest?: StackManifest;
  /** Check only the services of these roles (`broker`, `feedHandler`, `feedHandler.kraken`), for a stack started with part of its services. */
  roles?: string[];
  /** How long each service may take to report healthy. */
  healthTimeoutMs?: number;
  readers?: Partial<PreflightReaders>;
}

export interface PreflightReport {
  manifest: string;
  passed: PreflightCheckName[];
  /** Groups the manifest skips, with its reason. */
  skipped: Partial<Record<PreflightCheckName, string>>;
}

const DEFAULT_READERS: PreflightReaders = {
  clickhouse: readClickhouseFacts,
  topics: (brokers) => readTopics(brokers),
  watermarks: readWatermarkFacts,
  buckets: readBuckets,
};

function inspectsNetworks(stack: StartedStack): stack is StartedStack & InspectsNetworks {
  return typeof (stack as Partial<InspectsNetworks>).projectNetworks === 'function';
}

/**
 * Checks every name the manifest gives against the live stack, in order: services (exist,
 * running, healthy), network, ClickHouse, topics, watermark table, bucket. The first problem
 * throws a PreflightError naming the missing name and what exists instead.
 */
export async function preflight(options: PreflightOptions): Promise<PreflightReport> {
  const { stack } = options;
  const manifest = options.manifest ?? stack.manifest;
  const readers = { ...DEFAULT_READERS, ...options.readers };
  const healthTimeoutMs = options.healthTimeoutMs ?? 60_000;
  const report: PreflightReport = { manifest: manifest.name, passed: [], skipped: {} };
  const roles = selectRoles(manifest, options.roles);
  const states = new Map<string, ServiceState>();

  const checks: Array<[PreflightCheckName, () => Promise<PreflightProblem | undefined>]> = [
    ['services', async () => {
      const where = stack.target === 'compose' && manifest.project ? `the project "${manifest.project}"` : `the ${stack.target} stack`;
      const missing = compareServices(manifest, stack.services(), options.roles, where);
      if (missing) return missing;
      for (const { role, service } of roles) {
        const state = await stack.state(service);
        states.set(service, state);
        const bad = compareServiceState(role, service, state);
        if (bad) return bad;
      }
      for (const { role, service } of roles) {
        try {
          await stack.waitHealthy(service, healthTimeoutMs);
        } catch (error) {
          return { check: 'services', message: `service "${service}" (${role}) is not healthy: ${(error as Error).message}` };
        }
      }
      return undefined;
    }],
    ['network', async () => {
      if (inspectsNetworks(stack)) return compareNetwork(manifest, await stack.projectNetworks(), options.roles);
      const connected: Record<string, boolean> = {};
      for (const { service } of roles) connected[service] = (states.get(service) ?? (await stack.state(service))).connected;
      return compareConnected(manifest, connected);
    }],
    ['clickhouse', async () => compareClickhouse(manifest, await readers.clickhouse(stack.endpoints.clickhouse, manifest.clickhouse.database))],
    ['topics', async () => compareTopics(manifest, await readers.topics(stack.endpoints.brokers))],
    ['watermarks', async () => compareWatermarks(manifest, await readers.watermarks(stack.endpoints.postgres, manifest.watermarks.table))],
    ['bucket', async () => compareBucket(manifest, await readers.buckets(stack.endpoints.objectStore))],
  ];

  for (const [name, check] of checks) {
    const reason = manifest.skipChecks?.[name];
    if (reason) {
      report.skipped[name] = reason;
      continue;
    }
    let found: PreflightProblem | undefined;
    try {
      found = await check();
    } catch (error) {
      throw new PreflightError(name, `could not read ${name}: ${(error as Error).message}`, manifest.name);
    }
    if (found) throw new PreflightError(found.check, found.message, manifest.name);
    report.passed.push(name);
  }
  return report;
}
