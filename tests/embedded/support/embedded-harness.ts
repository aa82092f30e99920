import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_MANIFEST } from '../../../src/manifest/reference';
import type { EmbeddedStack } from '../../../src/targets/embedded/embedded-stack';
import { upEmbeddedStack, type UpEmbeddedStackOptions } from '../../../src/targets/embedded/up-embedded-stack';

/** A fresh run folder; its path hashes to a stack id no other test shares. */
export function tempRunDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'k2-embedded-test-'));
}

/** Starts a stack of the reference manifest in a fresh run folder (removed again when `up` fails, as the test never gets the stack). */
export async function startStack(services: string[], options: Partial<UpEmbeddedStackOptions> = {}): Promise<EmbeddedStack> {
  const runDir = options.runDir ?? (await tempRunDir());
  try {
    return await upEmbeddedStack({ manifest: REFERENCE_MANIFEST, runDir, services, ...options });
  } catch (error) {
    if (!options.runDir) await rm(runDir, { recursive: true, force: true });
    throw error;
  }
}

/** Takes the stack down and deletes its run folder. */
export async function removeStack(stack: EmbeddedStack | undefined): Promise<void> {
  if (!stack) return;
  await stack.down();
  await rm(stack.runDir, { recursive: true, force: true });
}

/** Whether the service answers its health check within `timeoutMs`. */
export async function answers(stack: EmbeddedStack, service: string, timeoutMs = 1_500): Promise<boolean> {
  try {
    await stack.definition(service).health.check(stack.context(service), AbortSignal.timeout(timeoutMs));
    return true;
  } catch {
    return false;
  }
}

/** Whether a pid exists at all (a zombie counts, so a reaped process is really gone). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
