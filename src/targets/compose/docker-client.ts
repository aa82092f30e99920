import Docker from 'dockerode';

/** The newest Engine API version the compose target speaks (Docker 27). */
export const NEWEST_DOCKER_API = '1.47';
/**
 * The oldest it accepts: Engine 20.10 (Debian bookworm's docker.io), whose container, network
 * and health fields are the ones the target reads.
 */
export const OLDEST_DOCKER_API = '1.41';

/** The Docker socket: the argument, else a `unix://` DOCKER_HOST, else the default path. */
export function dockerSocketPath(socketPath?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (socketPath) return socketPath;
  const host = env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  if (host) throw new Error(`DOCKER_HOST "${host}" is not a unix:// socket; pass the socket path instead`);
  return '/var/run/docker.sock';
}

const versionParts = (version: string): number[] => version.split('.').map(Number);

/** Negative, zero or positive as `a` is older than, equal to or newer than `b` ("1.41" < "1.47"). */
export function compareApiVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The version both sides speak, as the docker CLI negotiates it: the engine's own, capped at
 * NEWEST_DOCKER_API. An engine older than OLDEST_DOCKER_API is refused with its version named.
 */
export function negotiateApiVersion(engineApiVersion: string, engineVersion = 'unknown'): string {
  if (!/^\d+\.\d+$/.test(engineApiVersion)) throw new Error(`the Docker engine reports API version "${engineApiVersion}", not MAJOR.MINOR`);
  if (compareApiVersions(engineApiVersion, OLDEST_DOCKER_API) < 0) {
    throw new Error(`the Docker engine (${engineVersion}) speaks API ${engineApiVersion}; the compose target needs ${OLDEST_DOCKER_API} or newer (Docker 20.10+)`);
  }
  return compareApiVersions(engineApiVersion, NEWEST_DOCKER_API) > 0 ? NEWEST_DOCKER_API : engineApiVersion;
}

/** A connection failure as one line that says what to do, instead of a socket stack trace. */
function unreachable(socket: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no socket there' : code === 'ECONNREFUSED' ? 'nothing listens on it'
    : code === 'EACCES' ? 'permission denied (run as root or join the docker group)' : (error as Error).message;
  return new Error(`no Docker engine answers on ${socket} (${why}): start one (\`dockerd\`, or \`npx k2-chaos install-deps --compose\`) or set DOCKER_HOST=unix:///path/to/docker.sock`);
}

export interface DockerConnection {
  docker: Docker;
  /** The API version every call uses (`1.41` on Engine 20.10). */
  apiVersion: string;
  /** The engine's own version (`20.10.24+dfsg1`). */
  engineVersion: string;
}

/**
 * A dockerode client on a unix socket, at the API version negotiated with the engine: the
 * unversioned `GET /version` tells what the engine speaks, and every later call is pinned to it.
 */
export async function connectDocker(socketPath?: string): Promise<DockerConnection> {
  const socket = dockerSocketPath(socketPath);
  const probe = new Docker({ socketPath: socket });
  const info = (await probe.version().catch((error: unknown) => {
    throw unreachable(socket, error);
  })) as { ApiVersion?: string; Version?: string };
  const engineVersion = info.Version ?? 'unknown';
  const apiVersion = negotiateApiVersion(info.ApiVersion ?? '', engineVersion);
  return { docker: new Docker({ socketPath: socket, version: `v${apiVersion}` }), apiVersion, engineVersion };
}
