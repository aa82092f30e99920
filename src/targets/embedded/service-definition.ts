import type { Role } from '../../stack/names';

/** Where one service lives in a running stack; built from the stack's state file. */
export interface ServiceContext {
  name: string;
  stackId: string;
  /** Address the service listens on and is reached at (its namespace address, or 127.0.0.1). */
  host: string;
  /** The service's ports by name (`http`, `tcp`, ...). */
  ports: Record<string, number>;
  /** The service's own folder in the run folder (data, config). */
  dataDir: string;
  runDir: string;
  /** Stack-wide settings (rates, sizes) from the caller's environment and options. */
  env: Record<string, string>;
  /** Address and ports of another service of the same stack. */
  peer(name: string): { host: string; ports: Record<string, number> };
}

export interface ServiceCommand {
  argv: string[];
  env?: Record<string, string>;
}

/** A health check: resolves when healthy, throws with the reason otherwise. */
export interface HealthCheck {
  /** Shown in status output and in waiting messages (`GET /health on :9644`). */
  describe(ctx: ServiceContext): string;
  check(ctx: ServiceContext, signal: AbortSignal): Promise<void>;
}

/**
 * One embedded service, declared as data: what it needs, how it is started, how its health is
 * read. The runtime gives it a namespace, an address, a log file and a folder.
 */
export interface ServiceDefinition {
  name: string;
  role: Role;
  dependsOn: string[];
  /** Runs as this user (when the runtime is root); postgres refuses to run as root. */
  user?: string;
  /** Conventional port per name; used as is on a private address, remapped on loopback. */
  ports: Record<string, number>;
  /** Programs that must be installed; a missing one stops `up` with a message naming it. */
  binaries: string[];
  /** One-time initialisation of the service's folder (initdb, config copies). */
  prepare?(ctx: ServiceContext): Promise<void>;
  /**
   * A folder of its data (relative to its folder) on a disk of its own, of this size, so a
   * disk fault fills that disk and no other (see bounded-disk.ts). Mounted before `prepare`.
   */
  boundedDisk?: { dir: string; bytes(env: Record<string, string>): number };
  command(ctx: ServiceContext): ServiceCommand;
  health: HealthCheck;
  version?(ctx: ServiceContext): Promise<string>;
  /** Runs once after the first healthy check at `up` (schemas, buckets). */
  afterHealthy?(ctx: ServiceContext): Promise<void>;
  stopSignal: NodeJS.Signals;
  stopTimeoutMs: number;
}

/** A named port of a service, or an error naming the service and the port. */
export function servicePort(ctx: { name: string; ports: Record<string, number> }, portName: string): number {
  const port = ctx.ports[portName];
  if (port === undefined) throw new Error(`service ${ctx.name} has no port named "${portName}"`);
  return port;
}

/** Grace before SIGKILL on stop, as `docker stop` and `docker compose restart` give by default. */
export const DOCKER_STOP_TIMEOUT_MS = 10_000;
