import Docker from 'dockerode';

/** The Engine API version the compose target speaks; every call goes to `/v1.47/...`. */
export const DOCKER_API_VERSION = 'v1.47';

/** The Docker socket: the argument, else a `unix://` DOCKER_HOST, else the default path. */
export function dockerSocketPath(socketPath?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (socketPath) return socketPath;
  const host = env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  if (host) throw new Error(`DOCKER_HOST "${host}" is not a unix:// socket; pass the socket path instead`);
  return '/var/run/docker.sock';
}

/** A dockerode client on a unix socket, pinned to DOCKER_API_VERSION. */
export function dockerClient(socketPath?: string): Docker {
  return new Docker({ socketPath: dockerSocketPath(socketPath), version: DOCKER_API_VERSION });
}
