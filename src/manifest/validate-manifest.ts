import type { z } from 'zod';
import type { StackManifest } from './manifest';
import { STACK_MANIFEST_SCHEMA } from './manifest-schema';

/** A manifest that does not match the schema; `problems` holds one line per wrong path. */
export class ManifestError extends Error {
  override name = 'ManifestError';
  constructor(
    readonly problems: string[],
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}${problems.join('; ')}`);
  }
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return ['manifest', ...path.map(String)].join('.');
}

/** One readable line per zod issue, naming the exact path ("manifest.services.broker must be ..."). */
function describeIssue(issue: z.core.$ZodIssue): string {
  const at = pathOf(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `${at} has unknown key "${key}"`).join('; ');
    case 'invalid_type': {
      const missing = /received undefined/.test(issue.message);
      if (issue.expected === 'string') return `${at} ${missing ? 'is required and ' : ''}must be a non-empty string`;
      if (issue.expected === 'object') return `${at} ${missing ? 'is required and ' : ''}must be an object`;
      if (issue.expected === 'number') return `${at} must be a port number from 1 to 65535`;
      return `${at} must be ${issue.expected}`;
    }
    case 'too_small':
      return issue.origin === 'string' ? `${at} must be a non-empty string` : `${at} must be a port number from 1 to 65535`;
    case 'too_big':
      return `${at} must be a port number from 1 to 65535`;
    case 'invalid_format':
      return `${at} ${issue.message}`;
    default:
      return `${at} is invalid: ${issue.message}`;
  }
}

/**
 * Checks an untyped value (parsed JSON, a module's export) against the manifest schema and
 * returns it typed, or throws a ManifestError listing every wrong path.
 */
export function validateManifest(value: unknown, source?: string): StackManifest {
  const result = STACK_MANIFEST_SCHEMA.safeParse(value);
  if (result.success) return result.data;
  throw new ManifestError(result.error.issues.map(describeIssue), source);
}
