import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StackManifest } from '../../manifest/manifest';
import type { ServiceLink } from './network/stack-network';

export const STATE_FILE = 'stack-state.json';

/** One service as the state file records it; enough for another process to drive it. */
export interface ServiceStateRecord {
  host: string;
  ports: Record<string, number>;
  dataDir: string;
  logFile: string;
  /** Present in namespace mode once the service's namespace and veth exist. */
  link?: ServiceLink;
  /** The current process, if one was started; pid plus kernel start time. */
  process?: { pid: number; startTime: string };
}

/**
 * The state file of an embedded stack: written by `up` and after every change, read by
 * `attachEmbeddedStack`, `k2-chaos status/down` and the leftover cleanup of the next `up`.
 */
export interface EmbeddedStackState {
  version: 1;
  stackId: string;
  runDir: string;
  manifest: StackManifest;
  mode: 'netns' | 'loopback';
  /** Namespace mode: the bridge and the subnet's first three octets. */
  network?: { bridge: string; subnet: string; gateway: string };
  /** Stack-wide settings handed to every service (rates, sizes). */
  env: Record<string, string>;
  /** The services `up` started, in start order. */
  selected: string[];
  services: Record<string, ServiceStateRecord>;
}

export const stateFilePath = (runDir: string): string => join(runDir, STATE_FILE);

/** Reads a run folder's state file, or undefined when there is none. */
export async function readStackState(runDir: string): Promise<EmbeddedStackState | undefined> {
  let text: string;
  try {
    text = await readFile(stateFilePath(runDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const state = JSON.parse(text) as EmbeddedStackState;
  if (state.version !== 1) throw new Error(`${stateFilePath(runDir)} has version ${String(state.version)}; this runtime reads version 1`);
  return state;
}

/** Replaces the state file atomically, so a reader never sees half a file. */
export async function writeStackState(state: EmbeddedStackState): Promise<void> {
  const path = stateFilePath(state.runDir);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temp, path);
}

export async function removeStackState(runDir: string): Promise<void> {
  await rm(stateFilePath(runDir), { force: true });
}
