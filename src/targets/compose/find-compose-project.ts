import type Docker from 'dockerode';
import { describeMissing } from '../../manifest/preflight/describe-missing';
import { COMPOSE_NETWORK_LABEL, COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL } from './compose-labels';

export interface ComposeContainer {
  id: string;
  /** Container name without Docker's leading slash (`k2-redpanda`). */
  name: string;
  /** Compose service (`redpanda`). */
  service: string;
}

export interface ComposeNetwork {
  id: string;
  /** Docker's name (`k2-market-data-platform_k2-net`, or `k2-net` when the file sets `name:`). */
  dockerName: string;
  /** The name in the compose file (`k2-net`); the Docker name for networks compose did not create. */
  key: string;
}

export interface ComposeProject {
  project: string;
  containers: ComposeContainer[];
  networks: ComposeNetwork[];
}

/**
 * The containers and networks of one compose project, found by the compose labels. Networks
 * the containers join without the project's label (external networks) are included too.
 */
export async function findComposeProject(docker: Docker, project: string): Promise<ComposeProject> {
  const byProject = { label: [`${COMPOSE_PROJECT_LABEL}=${project}`] };
  const listed = await docker.listContainers({ all: true, filters: byProject });
  if (listed.length === 0) {
    const all = await docker.listContainers({ all: true, filters: { label: [COMPOSE_PROJECT_LABEL] } });
    const projects = all.map((c) => c.Labels[COMPOSE_PROJECT_LABEL] ?? '').filter(Boolean);
    throw new Error(describeMissing('compose project', project, 'Docker', projects));
  }
  const containers = listed
    .map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), service: c.Labels[COMPOSE_SERVICE_LABEL] ?? '' }))
    .filter((c) => c.service)
    // With `--scale`, one service has several containers: faults address the first by name.
    .sort((a, b) => a.name.localeCompare(b.name));
  const networks = new Map<string, ComposeNetwork>();
  for (const n of await docker.listNetworks({ filters: byProject })) {
    networks.set(n.Id, { id: n.Id, dockerName: n.Name, key: n.Labels?.[COMPOSE_NETWORK_LABEL] ?? n.Name });
  }
  for (const c of listed) {
    for (const [dockerName, settings] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      const id = settings.NetworkID;
      if (id && !networks.has(id)) networks.set(id, { id, dockerName, key: dockerName });
    }
  }
  return { project, containers, networks: [...networks.values()] };
}
