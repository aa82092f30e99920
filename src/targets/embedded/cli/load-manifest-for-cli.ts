import type { StackManifest } from '../../../manifest/manifest';
import { REFERENCE_MANIFEST } from '../../../manifest/reference';

/** The reference manifest, or the file `--manifest` names, read by the project's manifest loader. */
export async function loadManifestForCli(file: string | undefined): Promise<StackManifest> {
  if (!file) return REFERENCE_MANIFEST;
  const { loadManifest } = await import('../../../manifest/load-manifest');
  return loadManifest(file);
}
