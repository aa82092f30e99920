import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's CLI entry; the pipeline's own services are its subcommands. */
const BIN = fileURLToPath(new URL('../../../../bin/k2-chaos.mjs', import.meta.url));
const PACKAGE_JSON = fileURLToPath(new URL('../../../../package.json', import.meta.url));

/**
 * The services' young generation, in MiB. Node's default lets it grow to 48 MiB, and at 10,000
 * trades/s every handler, simulator and the broker grew it to that, almost all of it garbage:
 * with 2 MiB each of them held 20 to 30 MiB less at the same throughput and CPU (bench:pipeline).
 */
export const SERVICE_SEMI_SPACE_MIB = 2;

/** argv that runs `k2-chaos <subcommand> ...args` with this Node, as a service of the stack. */
export function k2ChaosArgv(subcommand: string, args: string[]): string[] {
  return [process.execPath, `--max-semi-space-size=${SERVICE_SEMI_SPACE_MIB}`, BIN, subcommand, ...args];
}

/** The version the project's own services report. */
export async function k2ChaosVersion(): Promise<string> {
  const { version } = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };
  return `k2-chaos ${version} (node ${process.versions.node})`;
}

/** A stack setting from the services' environment, as a positive integer, or the default. */
export function envInt(env: Record<string, string>, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

/** A stack setting from the services' environment, as a positive number (fractions allowed), or the default. */
export function envNumber(env: Record<string, string>, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}
