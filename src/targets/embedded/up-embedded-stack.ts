import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { StackManifest } from '../../manifest/manifest';
import { defaultRunDir } from './default-run-dir';
import { dependencyOrder } from './dependency-order';
import { credentialsEnv } from './embedded-credentials';
import { embeddedServices } from './embedded-services';
import { EmbeddedStack } from './embedded-stack';
import { chooseSubnet } from './network/choose-subnet';
import { createBridge, netnsSupported } from './network/stack-network';
import { removeLeftovers } from './remove-leftovers';
import { requireBinaries } from './require-binaries';
import { canSwitchUser } from './run-as';
import { allocateServices } from './allocate-services';
import { stackIdForRunDir, stackNames, validateStackId } from './stack-names';
import { readStackState, writeStackState, type EmbeddedStackState } from './stack-state';

export interface UpEmbeddedStackOptions {
  manifest: StackManifest;
  /** Folder for data, logs and the state file; default `defaultRunDir()`. */
  runDir?: string;
  /** 1-8 of a-z0-9, part of every namespace and link name; default derived from the run folder. */
  stackId?: string;
  /** Services to start (their dependencies come along); default all. */
  services?: string[];
  /** Stack-wide settings for the services, over the caller's `K2_*` environment (`K2_SIM_RATE`, ...). */
  env?: Record<string, string>;
  /** `netns` needs root and `ip netns`; default: `netns` where possible, else `loopback`. */
  network?: 'netns' | 'loopback';
  /** Per service, how long `up` waits for its health check. */
  healthTimeoutMs?: number;
  /** Called as each service becomes ready: start to first healthy check, and its after-healthy hook. */
  onServiceUp?: (service: string, timing: ServiceUpTiming) => void;
}

export interface ServiceUpTiming {
  /** From the start call (preparation included) to the first passing health check. */
  bootMs: number;
  /** The after-healthy hook (schemas, topics). */
  hookMs: number;
}

const DEFAULT_UP_HEALTH_TIMEOUT_MS = 120_000;

function stackEnv(options: UpEmbeddedStackOptions): Record<string, string> {
  const inherited = Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('K2_') && entry[1] !== undefined);
  return { ...Object.fromEntries(inherited), ...options.env, ...credentialsEnv(options.manifest) };
}

/**
 * Brings up an embedded stack: every service a local process in its own network namespace on
 * a private bridge (or on loopback without root), started in dependency order behind health
 * checks. Whatever an earlier run in the same folder left behind is removed first; a failure
 * half-way removes what this call created.
 */
export async function upEmbeddedStack(options: UpEmbeddedStackOptions): Promise<EmbeddedStack> {
  const runDir = resolve(options.runDir ?? defaultRunDir());
  await mkdir(runDir, { recursive: true });
  // Services that drop root (postgres, clickhouse) must be able to reach their folders.
  await chmod(runDir, 0o755);
  const previous = await readStackState(runDir).catch(() => undefined);
  const stackId = validateStackId(options.stackId ?? previous?.stackId ?? stackIdForRunDir(runDir));
  const definitions = embeddedServices(options.manifest);
  const selected = dependencyOrder(definitions, options.services ?? [...definitions.keys()]);

  const mode = options.network ?? ((await netnsSupported()) ? 'netns' : 'loopback');
  if (mode === 'netns' && !(await netnsSupported())) throw new Error('network "netns" needs root and a working `ip netns`');
  const needs = selected.flatMap((service) => definitions.get(service)!.binaries.map((binary) => ({ service, binary })));
  if (mode === 'netns') needs.push({ service: 'the stack network', binary: 'ip' });
  if (canSwitchUser() && selected.some((service) => definitions.get(service)!.user)) needs.push({ service: 'services run as their own user', binary: 'setpriv' });
  await requireBinaries(needs);

  await removeLeftovers(runDir, stackId);
  for (const dir of ['services', 'logs']) await mkdir(join(runDir, dir), { recursive: true, mode: 0o755 });
  const subnet = mode === 'netns' ? await chooseSubnet(stackId) : undefined;
  const state: EmbeddedStackState = {
    version: 1, stackId, runDir, manifest: options.manifest, mode,
    network: subnet ? { bridge: stackNames.bridge(stackId), subnet, gateway: `${subnet}.1` } : undefined,
    env: stackEnv(options), selected,
    services: await allocateServices(definitions, runDir, subnet),
  };
  let stack: EmbeddedStack | undefined;
  try {
    await writeStackState(state);
    if (subnet) await createBridge(stackId, subnet);
    stack = new EmbeddedStack(state);
    await startInOrder(stack, selected, options.healthTimeoutMs ?? DEFAULT_UP_HEALTH_TIMEOUT_MS, options.onServiceUp);
  } catch (error) {
    if (stack) await stack.down().catch(() => undefined);
    else await removeLeftovers(runDir, stackId).catch(() => undefined);
    throw error;
  }
  return stack;
}

/** Starts each service once its dependencies are healthy; independent services start together. */
async function startInOrder(stack: EmbeddedStack, selected: string[], timeoutMs: number, onServiceUp: UpEmbeddedStackOptions['onServiceUp']): Promise<void> {
  const ready = new Map<string, Promise<void>>();
  const bringUp = (service: string): Promise<void> => {
    let promise = ready.get(service);
    if (!promise) {
      const definition = stack.definition(service);
      promise = Promise.all(definition.dependsOn.map(bringUp)).then(async () => {
        const startedAt = performance.now();
        await stack.start(service);
        await stack.waitHealthy(service, timeoutMs);
        const healthyAt = performance.now();
        await definition.afterHealthy?.(stack.context(service));
        onServiceUp?.(service, { bootMs: healthyAt - startedAt, hookMs: performance.now() - healthyAt });
      });
      ready.set(service, promise);
    }
    return promise;
  };
  const results = await Promise.allSettled(selected.map(bringUp));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
