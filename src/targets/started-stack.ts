import type { StackEndpoints } from './endpoints';
import type { StackManifest } from '../manifest/manifest';
import type { PortMatch } from './outgoing-drop-rules';
import type { LinkDegradation } from './degraded-link-rules';

export type TargetName = 'embedded' | 'compose';

/** What a target can observe about one service right now. */
export interface ServiceState {
  /** The process (container) exists and is not stopped. A paused service is still running. */
  running: boolean;
  paused: boolean;
  /** Attached to the stack's network (false after `disconnect`). */
  connected: boolean;
  pid?: number;
  /** One-way drop rules in place in its network namespace (`dropReplies`); absent or 0 when none. */
  outgoingDrops?: number;
  /** A loss rule or rate cap of `degradeLink` is in place. */
  linkDegraded?: boolean;
  /** The service's bounded disk has no free byte left (`fillDisk`); absent where it has none. */
  diskFull?: boolean;
  /** The service's own disk takes no writes (`makeDiskReadOnly`); absent where it has none, or it cannot be told. */
  diskReadOnly?: boolean;
}

/**
 * A stack that is up. Every fault primitive is idempotent: stopping a stopped service or
 * connecting a connected one is a no-op, so heals are safe after a half-applied inject.
 */
export interface StartedStack {
  readonly target: TargetName;
  readonly manifest: StackManifest;
  readonly endpoints: StackEndpoints;
  /** Folder holding this stack's data, logs and state. */
  readonly runDir: string;
  /** False where network faults cannot be applied (embedded without root). */
  readonly supportsNetworkFaults: boolean;

  services(): string[];
  state(service: string): Promise<ServiceState>;

  /** Graceful stop then start; resolves once the process is started again (not yet healthy). */
  restart(service: string): Promise<void>;
  stop(service: string): Promise<void>;
  start(service: string): Promise<void>;
  /** SIGKILL; the service stays down until `start`. */
  kill(service: string): Promise<void>;
  pause(service: string): Promise<void>;
  unpause(service: string): Promise<void>;
  /** Detaches the service from the stack network, like `docker network disconnect`. */
  disconnect(service: string): Promise<void>;
  connect(service: string): Promise<void>;
  /**
   * A one-way partition: the TCP packets `service` sends to `peers` from its port `fromPort` (its
   * replies), or to their port `toPort` (its requests), are dropped, while what they send it still
   * arrives (see outgoing-drop-rules.ts). Needs network faults.
   */
  dropOutgoing(service: string, match: PortMatch, peers: string[]): Promise<void>;
  /** Removes every one-way drop rule of `service`; a no-op when there is none. */
  allowOutgoing(service: string): Promise<void>;
  /** Packet loss and/or a bandwidth cap on the service's link (see degraded-link-rules.ts). Needs network faults. */
  degradeLink(service: string, degradation: LinkDegradation): Promise<void>;
  /** Removes what `degradeLink` added; a no-op on a clean link. */
  restoreLink(service: string): Promise<void>;
  /**
   * Why disk faults cannot be applied to `service` on this stack (it has no disk of its own to
   * fill), or undefined when they can.
   */
  diskFaultsUnsupported(service: string): string | undefined;
  /** Takes every free byte of the service's own disk, so its next write fails with ENOSPC. */
  fillDisk(service: string): Promise<void>;
  /** Frees what `fillDisk` took; a no-op on a disk that was not filled. */
  freeDisk(service: string): Promise<void>;
  /**
   * The service's own disk goes read-only as a failing one does: the file system meets an error
   * and refuses every write (EROFS), also through files the service holds open.
   */
  makeDiskReadOnly(service: string): Promise<void>;
  /**
   * The operator's repair of a disk `makeDiskReadOnly` broke: stop the service, unmount and check
   * the file system, mount it again, start the service (not yet healthy). A no-op on a disk that
   * takes writes.
   */
  repairDisk(service: string): Promise<void>;
  /** Resolves when the service's health check passes, or rejects after `timeoutMs`. */
  waitHealthy(service: string, timeoutMs?: number): Promise<void>;

  /** The last `maxBytes` of the service's stdout and stderr. */
  logs(service: string, maxBytes?: number): Promise<string>;
  /** Version string per service, for the run record. */
  versions(): Promise<Record<string, string>>;
  /**
   * Stops everything this stack started and removes what it created. `graceMs` is for a stack
   * whose data is thrown away: every service gets its stop signal at once and at most that long
   * before SIGKILL, instead of each its own timeout, dependents first.
   */
  down(options?: { graceMs?: number }): Promise<void>;
}
