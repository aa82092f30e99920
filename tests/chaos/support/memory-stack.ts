import { REFERENCE_MANIFEST } from '../../../src/manifest/reference';
import type { StackEndpoints } from '../../../src/targets/endpoints';
import type { ServiceState, StartedStack } from '../../../src/targets/started-stack';
import type { PortMatch } from '../../../src/targets/outgoing-drop-rules';

/** Primitives a test can make misbehave, to see the chaos core notice. */
export interface MemoryStackQuirks {
  /** These primitives do nothing at all (a fault that silently fails to apply). */
  noop?: Array<'restart' | 'stop' | 'kill' | 'pause' | 'disconnect' | 'dropOutgoing' | 'degradeLink' | 'fillDisk' | 'makeDiskReadOnly'>;
  /** These primitives throw. */
  throws?: Array<keyof StartedStack>;
  supportsNetworkFaults?: boolean;
}

/**
 * An in-memory StartedStack: service state changes as the primitives say, and every call is
 * recorded, so tests can check which faults were injected and healed, and in what order.
 */
export class MemoryStack implements StartedStack {
  readonly target = 'embedded' as const;
  readonly manifest = REFERENCE_MANIFEST;
  readonly endpoints = {} as StackEndpoints;
  readonly runDir: string;
  readonly supportsNetworkFaults: boolean;
  readonly calls: string[] = [];
  private readonly states = new Map<string, ServiceState>();
  private nextPid = 1000;

  constructor(runDir: string, services: string[], private readonly quirks: MemoryStackQuirks = {}) {
    this.runDir = runDir;
    this.supportsNetworkFaults = quirks.supportsNetworkFaults ?? true;
    for (const s of services) this.states.set(s, { running: true, paused: false, connected: true, pid: this.nextPid++, outgoingDrops: 0 });
  }

  services(): string[] {
    return [...this.states.keys()];
  }
  async state(service: string): Promise<ServiceState> {
    return { ...this.get(service) };
  }
  async restart(service: string): Promise<void> {
    this.call('restart', service, (s) => Object.assign(s, { running: true, paused: false, pid: this.nextPid++ }));
  }
  async stop(service: string): Promise<void> {
    this.call('stop', service, (s) => Object.assign(s, { running: false, paused: false, pid: undefined }));
  }
  async kill(service: string): Promise<void> {
    this.call('kill', service, (s) => Object.assign(s, { running: false, paused: false, pid: undefined }));
  }
  async start(service: string): Promise<void> {
    this.call('start', service, (s) => {
      if (!s.running) Object.assign(s, { running: true, pid: this.nextPid++ });
    });
  }
  async pause(service: string): Promise<void> {
    this.call('pause', service, (s) => Object.assign(s, { paused: s.running }));
  }
  async unpause(service: string): Promise<void> {
    this.call('unpause', service, (s) => Object.assign(s, { paused: false }));
  }
  async disconnect(service: string): Promise<void> {
    this.call('disconnect', service, (s) => Object.assign(s, { connected: false }));
  }
  async connect(service: string): Promise<void> {
    this.call('connect', service, (s) => Object.assign(s, { connected: true }));
  }
  async dropOutgoing(service: string, _match: PortMatch, peers: string[]): Promise<void> {
    this.call('dropOutgoing', service, (s) => Object.assign(s, { outgoingDrops: peers.length }));
  }
  async allowOutgoing(service: string): Promise<void> {
    this.call('allowOutgoing', service, (s) => Object.assign(s, { outgoingDrops: 0 }));
  }
  async degradeLink(service: string): Promise<void> {
    this.call('degradeLink', service, (s) => Object.assign(s, { linkDegraded: true }));
  }
  async restoreLink(service: string): Promise<void> {
    this.call('restoreLink', service, (s) => Object.assign(s, { linkDegraded: false }));
  }
  diskFaultsUnsupported(): string | undefined {
    return undefined;
  }
  async fillDisk(service: string): Promise<void> {
    this.call('fillDisk', service, (s) => Object.assign(s, { diskFull: true }));
  }
  async freeDisk(service: string): Promise<void> {
    this.call('freeDisk', service, (s) => Object.assign(s, { diskFull: false }));
  }
  async makeDiskReadOnly(service: string): Promise<void> {
    this.call('makeDiskReadOnly', service, (s) => Object.assign(s, { diskReadOnly: true }));
  }
  async repairDisk(service: string): Promise<void> {
    this.call('repairDisk', service, (s) => Object.assign(s, { diskReadOnly: false, pid: this.nextPid++ }));
  }
  async waitHealthy(service: string): Promise<void> {
    this.get(service);
  }
  async logs(service: string): Promise<string> {
    return `log of ${service}\n`;
  }
  async versions(): Promise<Record<string, string>> {
    return Object.fromEntries(this.services().map((s) => [s, 'memory-1']));
  }
  async down(): Promise<void> {
    this.calls.push('down');
  }

  /** True when the service is running, not paused and connected: what every heal must restore. */
  isHealthy(service: string): boolean {
    const s = this.get(service);
    return s.running && !s.paused && s.connected && !s.outgoingDrops && !s.linkDegraded && !s.diskFull && !s.diskReadOnly;
  }

  private call(name: keyof StartedStack, service: string, apply: (s: ServiceState) => void): void {
    this.calls.push(`${name} ${service}`);
    if (this.quirks.throws?.includes(name)) throw new Error(`${name} ${service} failed`);
    if ((this.quirks.noop as string[] | undefined)?.includes(name)) return;
    apply(this.get(service));
  }

  private get(service: string): ServiceState {
    const s = this.states.get(service);
    if (!s) throw new Error(`no service ${service}`);
    return s;
  }
}
