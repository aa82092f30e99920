import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StackManifest } from '../../manifest/manifest';
import type { StackEndpoints } from '../endpoints';
import type { ServiceState, StartedStack } from '../started-stack';
import { embeddedServices } from './embedded-services';
import { linkIsUp, setLinkUp, attachService } from './network/stack-network';
import { runCommand } from './run-command';
import { degradeLink, linkDegraded, restoreLink, type InNamespace, type LinkDegradation } from '../degraded-link-rules';
import { latencyHost } from '../latency-host';
import { addOutgoingDrop, removeOutgoingDrops, outgoingDropsInPlace, type IptablesInNamespace, type PortMatch } from '../outgoing-drop-rules';
import { removeStackNetwork } from './network/remove-stack-network';
import { signalGroup } from './process/signal-group';
import type { ServiceContext, ServiceDefinition } from './service-definition';
import { fillDisk, freeBytes, freeDisk } from '../disk-filler';
import { isMountPoint, mountsUnder, unmountEverywhere } from '../mount-points';
import { diskImageOf, mountBoundedDisk, unmountBoundedDisks } from './bounded-disk';
import { checkExt4, isReadOnly, makeExt4ReadOnly, waitImageReleased } from '../ext4-disk';
import { boundedDiskOf, killProcess, prepareService, spawnService, statusOf, stopProcess, tailFile } from './service-process';
import { stackEndpoints } from './stack-endpoints';
import { removeStackState, type EmbeddedStackState, type ServiceStateRecord } from './stack-state';
import { StackStateStore } from './stack-state-store';
import { stopAllAtOnce, stopDependentsFirst } from './stop-dependents-first';
import { waitServiceHealthy } from './wait-service-healthy';

const DEFAULT_LOG_BYTES = 65_536;
const DEFAULT_HEALTH_TIMEOUT_MS = 120_000;

/**
 * An embedded stack that is up, driven through its state file: every operation re-reads the
 * file first, so a stack started by `k2-chaos up` or by another worker is driven the same way.
 */
export class EmbeddedStack implements StartedStack, AsyncDisposable {
  readonly target = 'embedded' as const;
  readonly manifest: StackManifest;
  readonly endpoints: StackEndpoints;
  readonly runDir: string;
  readonly supportsNetworkFaults: boolean;
  readonly stackId: string;
  private readonly store: StackStateStore;
  private readonly definitions: Map<string, ServiceDefinition>;
  /** One operation at a time per service within this process. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(state: EmbeddedStackState) {
    this.store = new StackStateStore(state);
    this.manifest = state.manifest;
    this.runDir = state.runDir;
    this.stackId = state.stackId;
    this.supportsNetworkFaults = state.mode === 'netns';
    this.definitions = embeddedServices(state.manifest);
    this.endpoints = stackEndpoints(state);
  }

  services(): string[] {
    return [...this.current().selected];
  }

  definition(service: string): ServiceDefinition {
    const definition = this.definitions.get(service);
    if (!definition) throw new Error(`unknown service "${service}"; stack ${this.stackId} has: ${[...this.definitions.keys()].join(', ')}`);
    return definition;
  }

  context(service: string): ServiceContext {
    const record = this.record(service);
    return {
      name: service, stackId: this.stackId, host: record.host, ports: record.ports, dataDir: record.dataDir,
      runDir: this.runDir, env: this.current().env,
      peer: (name) => {
        const peer = this.record(name);
        return { host: peer.host, ports: peer.ports };
      },
    };
  }

  async state(service: string): Promise<ServiceState> {
    await this.store.refresh();
    const record = this.record(service);
    const status = await statusOf(record);
    const connected = record.link ? await linkIsUp(record.link.veth) : true;
    const outgoingDrops = record.link ? await outgoingDropsInPlace(this.iptablesIn(record.link.namespace)) : 0;
    const degraded = record.link ? await linkDegraded(this.inNamespace(record.link.namespace)) : false;
    const disk = boundedDiskOf(this.definition(service), this.context(service));
    const diskFull = disk ? (await freeBytes(disk.dir).catch(() => undefined)) === 0 : undefined;
    const diskReadOnly = disk ? await isReadOnly(disk.dir) : undefined;
    return {
      running: status !== 'gone', paused: status === 'paused', connected, pid: status === 'gone' ? undefined : record.process?.pid, outgoingDrops, linkDegraded: degraded,
      ...(diskFull === undefined ? {} : { diskFull }), ...(diskReadOnly === undefined ? {} : { diskReadOnly }),
    };
  }

  restart(service: string): Promise<void> {
    return this.serial(service, async () => {
      await this.stopNow(service);
      await this.startNow(service);
    });
  }

  stop(service: string): Promise<void> {
    return this.serial(service, () => this.stopNow(service));
  }

  start(service: string): Promise<void> {
    return this.serial(service, () => this.startNow(service));
  }

  kill(service: string): Promise<void> {
    return this.serial(service, async () => {
      const record = this.record(service);
      if (record.process) await killProcess(record.process);
    });
  }

  pause(service: string): Promise<void> {
    return this.serial(service, async () => {
      const record = this.record(service);
      const status = await statusOf(record);
      if (status === 'gone') throw new Error(`cannot pause ${service}: it is not running`);
      if (status === 'paused' || !record.process) return;
      signalGroup(record.process.pid, 'SIGSTOP');
      while ((await statusOf(record)) === 'running') await sleep(10);
    });
  }

  unpause(service: string): Promise<void> {
    return this.serial(service, async () => {
      const record = this.record(service);
      if (record.process && (await statusOf(record)) === 'paused') signalGroup(record.process.pid, 'SIGCONT');
    });
  }

  disconnect(service: string): Promise<void> {
    return this.serial(service, async () => {
      if (!this.supportsNetworkFaults) {
        throw new Error(`network faults are not supported: stack ${this.stackId} runs on loopback (it needs root and \`ip netns\`)`);
      }
      const record = await this.ensureLink(service);
      if (record.link) await setLinkUp(record.link.veth, false);
    });
  }

  connect(service: string): Promise<void> {
    // On loopback nothing could have been disconnected, so the heal has nothing to undo.
    if (!this.supportsNetworkFaults) return Promise.resolve();
    return this.serial(service, async () => {
      const record = await this.ensureLink(service);
      if (record.link) await setLinkUp(record.link.veth, true);
    });
  }

  dropOutgoing(service: string, match: PortMatch, peers: string[]): Promise<void> {
    return this.serial(service, async () => {
      if (!this.supportsNetworkFaults) {
        throw new Error(`network faults are not supported: stack ${this.stackId} runs on loopback (it needs root and \`ip netns\`)`);
      }
      const record = await this.ensureLink(service);
      const peerAddresses = await Promise.all(peers.map(async (peer) => (await this.ensureLink(peer)).link?.address ?? this.record(peer).host));
      if (record.link) await addOutgoingDrop(this.iptablesIn(record.link.namespace), { match, peerAddresses });
    });
  }

  allowOutgoing(service: string): Promise<void> {
    if (!this.supportsNetworkFaults) return Promise.resolve();
    return this.serial(service, async () => {
      const record = await this.ensureLink(service);
      if (record.link) await removeOutgoingDrops(this.iptablesIn(record.link.namespace));
    });
  }

  degradeLink(service: string, degradation: LinkDegradation): Promise<void> {
    return this.serial(service, async () => {
      if (!this.supportsNetworkFaults) {
        throw new Error(`network faults are not supported: stack ${this.stackId} runs on loopback (it needs root and \`ip netns\`)`);
      }
      const record = await this.ensureLink(service);
      if (record.link) await degradeLink(this.inNamespace(record.link.namespace), degradation, this.latencyHost(service, record.link.namespace));
    });
  }

  restoreLink(service: string): Promise<void> {
    if (!this.supportsNetworkFaults) return Promise.resolve();
    return this.serial(service, async () => {
      const record = await this.ensureLink(service);
      if (record.link) await restoreLink(this.inNamespace(record.link.namespace), this.latencyHost(service, record.link.namespace));
    });
  }

  private inNamespace(namespace: string): InNamespace {
    return async (program, args) => (await runCommand('ip', ['netns', 'exec', namespace, program, ...args])).stdout;
  }

  private latencyHost(service: string, namespace: string) {
    return latencyHost(this.runDir, service, ['ip', 'netns', 'exec', namespace]);
  }

  private iptablesIn(namespace: string): IptablesInNamespace {
    const run = this.inNamespace(namespace);
    return (args) => run('iptables', args);
  }

  diskFaultsUnsupported(service: string): string | undefined {
    const definition = this.definition(service);
    if (!definition.boundedDisk) {
      const bounded = [...this.definitions.values()].filter((d) => d.boundedDisk).map((d) => d.name);
      return `${service} has no disk of its own in the embedded stack (services with one: ${bounded.join(', ') || 'none'})`;
    }
    if (!boundedDiskOf(definition, this.context(service))) return `${service}'s bounded disk needs root to mount; its data is on the run folder's disk`;
    return undefined;
  }

  fillDisk(service: string): Promise<void> {
    return this.serial(service, async () => { await fillDisk(await this.boundedDisk(service)); });
  }

  freeDisk(service: string): Promise<void> {
    return this.serial(service, async () => {
      if (this.diskFaultsUnsupported(service) === undefined) await freeDisk(await this.boundedDisk(service));
    });
  }

  makeDiskReadOnly(service: string): Promise<void> {
    return this.serial(service, async () => {
      const dir = await this.boundedDisk(service);
      await makeExt4ReadOnly(dir);
    });
  }

  repairDisk(service: string): Promise<void> {
    return this.serial(service, async () => {
      if (this.diskFaultsUnsupported(service) !== undefined) return;
      const { dir, bytes } = boundedDiskOf(this.definition(service), this.context(service))!;
      // Not mounted: a repair cut short after its unmount; finish it.
      const mounted = await isMountPoint(dir);
      if (mounted && !(await isReadOnly(dir))) return;
      // The service holds its files open on the broken disk: it must be down to unmount it.
      await this.stopNow(service);
      if (mounted) await unmountEverywhere(dir);
      await waitImageReleased(diskImageOf(dir));
      await checkExt4(diskImageOf(dir));
      await mountBoundedDisk(dir, bytes);
      await this.startNow(service);
    });
  }

  /** The mounted bounded disk of a service, or an error saying why there is none. */
  private async boundedDisk(service: string): Promise<string> {
    await this.store.refresh();
    const reason = this.diskFaultsUnsupported(service);
    if (reason) throw new Error(`cannot apply a disk fault to ${service}: ${reason}`);
    const dir = boundedDiskOf(this.definition(service), this.context(service))!.dir;
    if (!(await mountsUnder(dir)).includes(dir)) throw new Error(`${service}'s bounded disk is not mounted on ${dir} (was the stack started by an older k2-chaos?)`);
    return dir;
  }

  async waitHealthy(service: string, timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS): Promise<void> {
    await this.store.refresh();
    await waitServiceHealthy({
      definition: this.definition(service), context: this.context(service), timeoutMs,
      status: () => statusOf(this.record(service)),
      logTail: () => tailFile(this.record(service).logFile, 4_096),
    });
  }

  async logs(service: string, maxBytes = DEFAULT_LOG_BYTES): Promise<string> {
    return tailFile(this.record(service).logFile, maxBytes);
  }

  async versions(): Promise<Record<string, string>> {
    const entries = await Promise.all(this.current().selected.map(async (service) => {
      const version = this.definition(service).version;
      if (!version) return [service, 'not declared'] as const;
      return [service, await version(this.context(service)).catch((error: Error) => `unavailable: ${error.message}`)] as const;
    }));
    return Object.fromEntries(entries);
  }

  /**
   * Stops every service (dependents before what they depend on; with `graceMs`, all at once, each
   * SIGKILLed after at most that long) and removes namespaces, links, bounded disks and state.
   */
  async down(options: { graceMs?: number } = {}): Promise<void> {
    const latest = await this.store.refreshIfPresent();
    if (latest) {
      const started = Object.keys(latest.services).filter((name) => latest.services[name]?.process);
      try {
        if (options.graceMs === undefined) await stopDependentsFirst(started, this.definitions, (name) => this.serial(name, () => this.stopNow(name)));
        else await stopAllAtOnce(started, (name) => this.serial(name, () => this.stopNow(name, options.graceMs)));
      } finally {
        await this.removeNetwork();
        // The bounded disks are memory: their data goes with the stack.
        await unmountBoundedDisks(join(this.runDir, 'services'));
        await removeStackState(this.runDir);
      }
    } else {
      await this.removeNetwork();
      await unmountBoundedDisks(join(this.runDir, 'services'));
    }
  }

  private async removeNetwork(): Promise<void> {
    if (this.supportsNetworkFaults) await removeStackNetwork(this.stackId);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.down();
  }

  /** Starts one service: its namespace and link if new, its one-time preparation, its process. */
  async startNow(service: string): Promise<void> {
    await this.store.refresh();
    const definition = this.definition(service);
    const record = await this.ensureLink(service);
    if ((await statusOf(record)) !== 'gone') return;
    const ctx = this.context(service);
    await prepareService(definition, ctx);
    const identity = await spawnService(definition, ctx, record);
    await this.store.updateRecord(service, (latest) => { latest.process = identity; });
  }

  private async stopNow(service: string, graceMs?: number): Promise<void> {
    const record = this.record(service);
    const definition = this.definition(service);
    if (record.process) await stopProcess(graceMs === undefined ? definition : { ...definition, stopTimeoutMs: Math.min(graceMs, definition.stopTimeoutMs) }, record.process);
  }

  private async ensureLink(service: string): Promise<ServiceStateRecord> {
    const record = this.record(service);
    if (this.current().mode !== 'netns' || record.link) return record;
    const index = Object.keys(this.current().services).indexOf(service);
    const link = await attachService(this.stackId, service, index, record.host);
    await this.store.updateRecord(service, (latest) => { latest.link = link; });
    return { ...this.record(service), link };
  }

  private record(service: string): ServiceStateRecord {
    this.definition(service);
    const record = this.current().services[service];
    if (!record) throw new Error(`stack ${this.stackId} has no record of service "${service}"`);
    return record;
  }

  private current(): EmbeddedStackState {
    return this.store.current;
  }

  private serial<T>(service: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(service) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      await this.store.refresh();
      return operation();
    });
    this.queues.set(service, next);
    return next;
  }
}
