import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StackManifest } from './manifest';
import { REFERENCE_MANIFEST } from './reference';
import { ManifestError, validateManifest } from './validate-manifest';

/** The shipped manifests folder, next to `src/` in the package. */
export const MANIFESTS_DIR = fileURLToPath(new URL('../../manifests/', import.meta.url));
const EXTENSIONS = ['.json', '.ts', '.mts', '.mjs', '.js'];

export interface LoadManifestOptions {
  /** Folder that relative paths and `manifests/<name>` are looked up from first. */
  cwd?: string;
  /** Where `K2_MANIFEST` is read; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
}

/** Names `loadManifest` accepts without a path: `reference` plus every file in manifests/. */
export function knownManifestNames(cwd = process.cwd()): string[] {
  const names = new Set<string>(['reference']);
  for (const dir of [join(cwd, 'manifests'), MANIFESTS_DIR]) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) {
      const ext = EXTENSIONS.find((e) => file.endsWith(e));
      if (ext) names.add(file.slice(0, -ext.length));
    }
  }
  return [...names].sort();
}

function findFile(spec: string, cwd: string): string | undefined {
  const looksLikePath = spec.includes('/') || spec.includes('\\') || EXTENSIONS.includes(extname(spec));
  if (looksLikePath) {
    const path = isAbsolute(spec) ? spec : resolve(cwd, spec);
    return existsSync(path) ? path : undefined;
  }
  for (const dir of [join(cwd, 'manifests'), MANIFESTS_DIR]) {
    for (const ext of EXTENSIONS) {
      const path = join(dir, spec + ext);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

async function readManifestFile(path: string): Promise<unknown> {
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ManifestError([`not valid JSON: ${(error as Error).message}`], path);
    }
  }
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown; manifest?: unknown };
  const value = module.default ?? module.manifest;
  if (value === undefined) throw new ManifestError(['exports no manifest (use `export default` or `export const manifest`)'], path);
  return value;
}

/**
 * The manifest a run uses: `spec`, else env `K2_MANIFEST`, else `reference`. A spec is a name
 * (`reference`, or a file in manifests/ without its extension) or a path to a .json or .ts file.
 * The result is validated; errors name the file and each wrong path.
 */
export async function loadManifest(spec?: string, options: LoadManifestOptions = {}): Promise<StackManifest> {
  const cwd = options.cwd ?? process.cwd();
  const chosen = spec ?? (options.env ?? process.env).K2_MANIFEST ?? 'reference';
  if (chosen === 'reference') return validateManifest(REFERENCE_MANIFEST, 'reference');
  const path = findFile(chosen, cwd);
  if (!path) {
    throw new ManifestError([
      `manifest "${chosen}" not found; known manifests: ${knownManifestNames(cwd).join(', ')} (or give a path to a .json or .ts file)`,
    ]);
  }
  return validateManifest(await readManifestFile(path), path);
}
