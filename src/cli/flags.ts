import { parseArgs } from 'node:util';
import { UsageError } from './command';

type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string; default?: string | boolean | string[] };

/**
 * Parses `argv` strictly: an unknown flag or a missing value becomes a UsageError that names
 * the flag, instead of node's generic TypeError.
 */
export function parseFlags<T extends Record<string, OptionSpec>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `HOST:PORT` -> parts, with an error naming the flag when it is malformed. */
export function parseHostPort(value: string, flag: string): { host: string; port: number } {
  const at = value.lastIndexOf(':');
  const host = value.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(value.slice(at + 1));
  if (at <= 0 || !host || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`${flag} must be HOST:PORT with a port from 0 to 65535, got "${value}"`);
  }
  return { host, port };
}

/** A required string flag, or a UsageError naming it. */
export function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

/** A positive integer flag, or a UsageError naming it. */
export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return n;
}
