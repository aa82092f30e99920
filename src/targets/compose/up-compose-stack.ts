import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StackManifest } from '../../manifest/manifest';
import { describeMissing } from '../../manifest/preflight/describe-missing';
import { composeEndpoints } from './compose-endpoints';
import { ComposeStack } from './compose-stack';
import { connectDocker } from './docker-client';
import { findDiskVolumes } from './disk-volumes';
import { findComposeProject } from './find-compose-project';

export interface UpComposeStackOptions {
  manifest: StackManifest;
  /** Docker Engine socket; default `DOCKER_HOST` (unix://) or /var/run/docker.sock. */
  dockerSocket?: string;
  /** Compose project; default env K2_COMPOSE_PROJECT, else the manifest's `project`, else env COMPOSE_PROJECT_NAME. */
  project?: string;
  /** Folder for the target's own state (remembered network attachments). */
  runDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Attaches to a running Docker Compose project (`docker compose -f docker-compose.v2.yml up -d`
 * brings it up): finds its containers and networks by the compose labels and builds the
 * endpoints from their published ports. Selected with `K2_TARGET=compose`.
 */
export async function upComposeStack(options: UpComposeStackOptions): Promise<ComposeStack> {
  const env = options.env ?? process.env;
  const { manifest } = options;
  // Compose names a project after the checkout folder unless told otherwise: a clone under
  // another name needs K2_COMPOSE_PROJECT rather than an edited manifest.
  const projectName = options.project || env.K2_COMPOSE_PROJECT || manifest.project || env.COMPOSE_PROJECT_NAME;
  if (!projectName) throw new Error(`manifest "${manifest.name}" names no compose project; set manifest.project or K2_COMPOSE_PROJECT`);
  const { docker } = await connectDocker(options.dockerSocket);
  const project = await findComposeProject(docker, projectName);
  const inspected = new Map(
    await Promise.all(project.containers.map(async (c) => [c.service, await docker.getContainer(c.id).inspect()] as const)),
  );
  const network = project.networks.find((n) => n.key === manifest.network) ?? project.networks.find((n) => n.dockerName === manifest.network);
  const endpoints = composeEndpoints({
    manifest,
    env,
    networkDockerName: network?.dockerName,
    inspect: (service) => {
      const info = inspected.get(service) ?? [...inspected.values()].find((i) => i.Name.replace(/^\//, '') === service);
      if (!info) throw new Error(describeMissing('service', service, `the project "${projectName}"`, [...inspected.keys()]));
      return info;
    },
  });
  const runDir = resolve(options.runDir ?? env.K2_CHAOS_RUN_DIR ?? `.k2-chaos/compose-${projectName}`);
  mkdirSync(runDir, { recursive: true });
  const diskVolumes = await findDiskVolumes(docker, inspected);
  return new ComposeStack({ docker, manifest, project, endpoints, runDir, diskVolumes });
}
