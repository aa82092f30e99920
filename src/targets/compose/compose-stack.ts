import type Docker from 'dockerode';
import type { ContainerInspectInfo } from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StackManifest } from '../../manifest/manifest';
import { describeMissing } from '../../manifest/preflight/describe-missing';
import type { NetworkFacts } from '../../manifest/preflight/preflight-compare';
import type { InspectsNetworks } from '../../manifest/preflight/run-preflight';
import type { StackEndpoints } from '../endpoints';
import type { ServiceState, StartedStack } from '../started-stack';
import { demuxDockerStream } from './demux-docker-stream';
import { imageVersion } from './image-version';
import type { ComposeContainer, ComposeNetwork, ComposeProject } from './find-compose-project';
import { NetworkAttachments } from './network-attachments';
import { addOutgoingDrop, removeOutgoingDrops, outgoingDropsInPlace, type IptablesInNamespace, type PortMatch } from '../outgoing-drop-rules';
import { runCommand } from '../embedded/run-command';
import { degradeLink, linkDegraded, restoreLink, type InNamespace, type LinkDegradation } from '../degraded-link-rules';
import { stopLatencyProxy } from '../added-latency';
import { fillDisk, freeBytes, freeDisk } from '../disk-filler';
import { isMountPoint } from '../mount-points';
import { checkExt4, isReadOnly, makeExt4ReadOnly } from '../ext4-disk';
import type { DiskVolume } from './disk-volumes';
import { latencyHost } from '../latency-host';

/** A program inside the network namespace of the container whose main process is `pid`. */
const inContainer = (pid: number): InNamespace =>
  async (program, args) => (await runCommand('nsenter', ['-t', String(pid), '-n', program, ...args])).stdout;
const iptablesInContainer = (pid: number): IptablesInNamespace => (args) => inContainer(pid)('iptables', args);

const STOP_TIMEOUT_S = 10;
const HEALTH_POLL_MS = 500;
const DEFAULT_HEALTH_TIMEOUT_MS = 120_000;
const DEFAULT_LOG_BYTES = 65_536;
/** Lines asked for are maxBytes / this: enough unless lines are shorter on average. */
const MIN_LOG_LINE_BYTES = 16;

/** The Engine API answers 304 for "already started/stopped": the primitives treat it as done. */
const isNotModified = (error: unknown): boolean => (error as { statusCode?: number }).statusCode === 304;

export interface ComposeStackOptions {
  docker: Docker;
  manifest: StackManifest;
  project: ComposeProject;
  endpoints: StackEndpoints;
  runDir: string;
  /** Each service's volume on a disk of its own: host mount point and device (see disk-volumes.ts). */
  diskVolumes?: ReadonlyMap<string, DiskVolume>;
}

/**
 * A Docker Compose project driven through the Engine API. Services are compose service names
 * (container names are accepted too); every primitive is idempotent, as StartedStack requires.
 */
export class ComposeStack implements StartedStack, InspectsNetworks {
  readonly target = 'compose' as const;
  readonly supportsNetworkFaults = true;
  readonly manifest: StackManifest;
  readonly endpoints: StackEndpoints;
  readonly runDir: string;
  private readonly docker: Docker;
  private readonly project: ComposeProject;
  private readonly attachments: NetworkAttachments;
  private readonly diskVolumes: ReadonlyMap<string, DiskVolume>;

  constructor(options: ComposeStackOptions) {
    ({ docker: this.docker, manifest: this.manifest, project: this.project, endpoints: this.endpoints, runDir: this.runDir } = options);
    this.diskVolumes = options.diskVolumes ?? new Map();
    this.attachments = new NetworkAttachments(this.runDir);
  }

  services(): string[] {
    return [...new Set(this.project.containers.map((c) => c.service))].sort();
  }

  private container(service: string): ComposeContainer {
    const found = this.project.containers.find((c) => c.service === service) ?? this.project.containers.find((c) => c.name === service);
    if (!found) throw new Error(describeMissing('service', service, `the project "${this.project.project}"`, this.services()));
    return found;
  }

  private findNetwork(): ComposeNetwork | undefined {
    const wanted = this.manifest.network;
    return this.project.networks.find((n) => n.key === wanted) ?? this.project.networks.find((n) => n.dockerName === wanted);
  }

  private network(): ComposeNetwork {
    const wanted = this.manifest.network;
    const found = this.findNetwork();
    if (!found) throw new Error(describeMissing('network', wanted, 'the project', this.project.networks.map((n) => n.key)));
    return found;
  }

  private inspect(service: string): Promise<ContainerInspectInfo> {
    return this.docker.getContainer(this.container(service).id).inspect();
  }

  async state(service: string): Promise<ServiceState> {
    const info = await this.inspect(service);
    // A manifest network the project lacks leaves every service unconnected; preflight names it.
    const network = this.findNetwork();
    const connected = Boolean(network && info.NetworkSettings.Networks?.[network.dockerName]);
    const pid = info.State.Pid || undefined;
    // Readable only where the engine runs on this machine and we may enter its namespaces.
    const outgoingDrops = pid ? await outgoingDropsInPlace(iptablesInContainer(pid)).catch(() => 0) : 0;
    const degraded = pid ? await linkDegraded(inContainer(pid)).catch(() => false) : false;
    const disk = this.diskVolumes.get(this.container(service).service)?.mountPoint;
    // The engine mounts the volume only while its container runs; unmounted, the folder is the machine's disk: unknown.
    const mounted = disk !== undefined && (await isMountPoint(disk));
    const diskFull = mounted ? await freeBytes(disk).then((n) => n === 0, () => undefined) : undefined;
    const diskReadOnly = mounted ? await isReadOnly(disk) : undefined;
    return {
      running: info.State.Running, paused: info.State.Paused, connected, pid, outgoingDrops, linkDegraded: degraded,
      ...(diskFull === undefined ? {} : { diskFull }), ...(diskReadOnly === undefined ? {} : { diskReadOnly }),
    };
  }

  /** Docker refuses to stop or kill a paused container; faults must still apply to one. */
  private async unpaused(service: string): Promise<ServiceState> {
    const state = await this.state(service);
    if (!state.paused) return state;
    await this.docker.getContainer(this.container(service).id).unpause();
    return { ...state, paused: false };
  }

  async restart(service: string): Promise<void> {
    await this.unpaused(service);
    await this.docker.getContainer(this.container(service).id).restart({ t: STOP_TIMEOUT_S });
  }

  async stop(service: string): Promise<void> {
    if (!(await this.unpaused(service)).running) return;
    await this.docker.getContainer(this.container(service).id).stop({ t: STOP_TIMEOUT_S }).catch((e: unknown) => {
      if (!isNotModified(e)) throw e;
    });
  }

  async start(service: string): Promise<void> {
    await this.docker.getContainer(this.container(service).id).start().catch((e: unknown) => {
      if (!isNotModified(e)) throw e;
    });
  }

  async kill(service: string): Promise<void> {
    if (!(await this.unpaused(service)).running) return;
    await this.docker.getContainer(this.container(service).id).kill({ signal: 'SIGKILL' });
  }

  async pause(service: string): Promise<void> {
    const state = await this.state(service);
    if (state.paused) return;
    if (!state.running) throw new Error(`cannot pause service "${service}": it is not running`);
    await this.docker.getContainer(this.container(service).id).pause();
  }

  async unpause(service: string): Promise<void> {
    if (!(await this.state(service)).paused) return;
    await this.docker.getContainer(this.container(service).id).unpause();
  }

  async disconnect(service: string): Promise<void> {
    const { id } = this.container(service);
    const network = this.network();
    const settings = (await this.inspect(service)).NetworkSettings.Networks?.[network.dockerName];
    if (!settings) return;
    const ipam = settings.IPAMConfig as { IPv4Address?: string; IPv6Address?: string } | null | undefined;
    // Remembered before the disconnect: compose's aliases and fixed addresses are lost with it.
    this.attachments.remember(service, {
      aliases: ((settings.Aliases as string[] | null) ?? []).filter((a) => !id.startsWith(a)),
      ipv4Address: ipam?.IPv4Address || undefined,
      ipv6Address: ipam?.IPv6Address || undefined,
    });
    await this.docker.getNetwork(network.id).disconnect({ Container: id, Force: true });
  }

  async connect(service: string): Promise<void> {
    if ((await this.state(service)).connected) {
      this.attachments.forget(service);
      return;
    }
    const { id, service: composeService } = this.container(service);
    const remembered = this.attachments.recall(service) ?? { aliases: [composeService] };
    const ipam = remembered.ipv4Address || remembered.ipv6Address
      ? { IPv4Address: remembered.ipv4Address, IPv6Address: remembered.ipv6Address } : undefined;
    await this.docker.getNetwork(this.network().id).connect({
      Container: id,
      EndpointConfig: { Aliases: remembered.aliases, ...(ipam ? { IPAMConfig: ipam } : {}) },
    });
    this.attachments.forget(service);
  }

  /**
   * Applies the rules in the container's network namespace with `nsenter`, as Pumba's helper
   * container does from inside it: this needs the engine on this machine and root.
   */
  async dropOutgoing(service: string, match: PortMatch, peers: string[]): Promise<void> {
    const pid = (await this.state(service)).pid;
    if (!pid) throw new Error(`cannot drop what "${service}" sends: it is not running`);
    const network = this.network();
    const peerAddresses = await Promise.all(peers.map(async (peer) => {
      const address = (await this.inspect(peer)).NetworkSettings.Networks?.[network.dockerName]?.IPAddress;
      if (!address) throw new Error(`cannot drop what "${service}" sends to "${peer}": it has no address on network ${network.key}`);
      return address;
    }));
    await addOutgoingDrop(iptablesInContainer(pid), { match, peerAddresses });
  }

  async allowOutgoing(service: string): Promise<void> {
    const pid = (await this.state(service)).pid;
    // A stopped container's namespace, rules included, is gone with it.
    if (pid) await removeOutgoingDrops(iptablesInContainer(pid));
  }

  /** With `nsenter` into the container's network namespace, as dropOutgoing. */
  async degradeLink(service: string, degradation: LinkDegradation): Promise<void> {
    const pid = (await this.state(service)).pid;
    if (!pid) throw new Error(`cannot degrade the link of "${service}": it is not running`);
    await degradeLink(inContainer(pid), degradation, this.latencyHost(service, pid));
  }

  diskFaultsUnsupported(service: string): string | undefined {
    if (this.diskVolumes.has(this.container(service).service)) return undefined;
    // A plain volume sits on the engine's disk: filling it would fill the machine's.
    const withDisk = [...this.diskVolumes.keys()];
    return `${service} has no volume on a disk of its own (a local volume on a block device, as docker-compose.bounded-disk.yml gives the broker and ClickHouse); services with one: ${withDisk.join(', ') || 'none'}`;
  }

  async fillDisk(service: string): Promise<void> {
    await fillDisk(this.diskVolume(service).mountPoint);
  }

  async freeDisk(service: string): Promise<void> {
    if (this.diskFaultsUnsupported(service) === undefined) await freeDisk(this.diskVolume(service).mountPoint);
  }

  async makeDiskReadOnly(service: string): Promise<void> {
    const { mountPoint } = this.diskVolume(service);
    if (!(await isMountPoint(mountPoint))) throw new Error(`cannot put ${service}'s disk read-only: its volume is not mounted (the container is not running)`);
    await makeExt4ReadOnly(mountPoint);
  }

  /**
   * Stopping the container has the engine unmount the volume; the device is checked, and the
   * engine mounts it again at start. A container already down (a broker that gave up on its
   * disk) has no mount: its device is checked and it is started.
   */
  async repairDisk(service: string): Promise<void> {
    if (this.diskFaultsUnsupported(service) !== undefined) return;
    const { mountPoint, device } = this.diskVolume(service);
    if ((await isMountPoint(mountPoint)) && !(await isReadOnly(mountPoint))) return;
    await this.stop(service);
    await checkExt4(device);
    await this.start(service);
  }

  /** The service's own disk: its host mount point and device; needs the engine on this machine. */
  private diskVolume(service: string): DiskVolume {
    const reason = this.diskFaultsUnsupported(service);
    if (reason) throw new Error(`cannot apply a disk fault to ${service}: ${reason}`);
    return this.diskVolumes.get(this.container(service).service)!;
  }

  async restoreLink(service: string): Promise<void> {
    const pid = (await this.state(service)).pid;
    if (pid) await restoreLink(inContainer(pid), this.latencyHost(service, pid));
    // A stopped container's rules went with its namespace; a latency proxy (a host process) did not.
    else stopLatencyProxy(this.latencyHost(service, 0).pidFile);
  }

  /** The latency proxy runs on this machine, in the container's network namespace (so the engine must be local). */
  private latencyHost(service: string, pid: number) {
    return latencyHost(this.runDir, service, ['nsenter', '-t', String(pid), '-n']);
  }

  async waitHealthy(service: string, timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'not inspected';
    for (;;) {
      const { State } = await this.inspect(service);
      const health = State.Health;
      // A container without a healthcheck counts as healthy once it runs unpaused.
      if (State.Running && !State.Paused && !State.Restarting && (!health || health.Status === 'healthy')) return;
      const lastLog = health?.Log?.at(-1)?.Output?.trim();
      last = !State.Running || State.Restarting ? `state ${State.Status}` : State.Paused ? 'paused' : `health ${health?.Status}${lastLog ? ` (${lastLog})` : ''}`;
      if (Date.now() >= deadline) throw new Error(`service "${service}" not healthy after ${timeoutMs} ms: ${last}`);
      await sleep(Math.min(HEALTH_POLL_MS, Math.max(0, deadline - Date.now())));
    }
  }

  async logs(service: string, maxBytes = DEFAULT_LOG_BYTES): Promise<string> {
    const container = this.docker.getContainer(this.container(service).id);
    const tty = (await container.inspect()).Config.Tty;
    // Only the tail travels: a day of ClickHouse logs is far more than a report shows.
    const tail = Math.ceil(maxBytes / MIN_LOG_LINE_BYTES);
    const raw = (await container.logs({ stdout: true, stderr: true, follow: false, tail })) as unknown as Buffer;
    const text = tty ? raw : demuxDockerStream(raw);
    return text.subarray(Math.max(0, text.length - maxBytes)).toString('utf8');
  }

  async versions(): Promise<Record<string, string>> {
    const versions: Record<string, string> = {};
    for (const service of this.services()) versions[service] = imageVersion((await this.inspect(service)).Config.Image);
    return versions;
  }

  async projectNetworks(): Promise<NetworkFacts[]> {
    const facts: NetworkFacts[] = [];
    for (const network of this.project.networks) {
      const info = await this.docker.getNetwork(network.id).inspect();
      const members: string[] = [];
      for (const containerId of Object.keys(info.Containers ?? {})) {
        const c = this.project.containers.find((x) => x.id === containerId);
        if (c) members.push(c.service);
      }
      facts.push({ name: network.key, members });
    }
    return facts;
  }

  /** Attaching created nothing, so there is nothing to remove; the project keeps running. */
  async down(_options?: { graceMs?: number }): Promise<void> {}

  async [Symbol.asyncDispose](): Promise<void> {
    await this.down();
  }
}
