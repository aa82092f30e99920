/** A root filesystem made offline by mmdebstrap and imported as an image: the FROM of the others. */
export interface BaseImage {
  tag: string;
  suite: string;
  /** Packages beyond minbase. */
  include: string[];
}

/** An image built from a Dockerfile under docker/local/. */
export interface LocalImage {
  tag: string;
  dockerfile: string;
  /** `docker/local`: just the Dockerfile's own files; `checkout`: the project with its node_modules. */
  context: 'docker/local' | 'checkout';
  /** apt inside the build reaches the host's package mirror only through the host network. */
  hostNetwork: boolean;
}

export const BASE_IMAGES: readonly BaseImage[] = [
  { tag: 'k2-chaos-base:bookworm', suite: 'bookworm', include: [] },
  // Node 20 is in trixie, not bookworm (18).
  { tag: 'k2-chaos-base:trixie-node', suite: 'trixie', include: ['nodejs', 'ca-certificates'] },
];

/** The images docker-compose.local.yml names. */
export const LOCAL_IMAGES: readonly LocalImage[] = [
  { tag: 'k2-chaos-local/clickhouse:18.16', dockerfile: 'docker/local/clickhouse.Dockerfile', context: 'docker/local', hostNetwork: true },
  { tag: 'k2-chaos-local/postgres:15', dockerfile: 'docker/local/postgres.Dockerfile', context: 'docker/local', hostNetwork: true },
  { tag: 'k2-chaos:local', dockerfile: 'docker/local/pipeline.Dockerfile', context: 'checkout', hostNetwork: false },
];

/**
 * What the pipeline image copies from the checkout: what `k2-chaos <service>` loads, with the
 * node_modules `npm ci` installed on the host (npm inside a build may not reach a registry).
 */
export const CHECKOUT_CONTEXT: readonly string[] = [
  'package.json', 'package-lock.json', 'tsconfig.json', 'bin', 'src', 'services', 'stack', 'manifests', 'scripts', 'node_modules',
];
