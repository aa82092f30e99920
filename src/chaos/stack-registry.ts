import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackManifest } from '../manifest/manifest';

/** What a worker leaves behind about the stack it brought up, so others can heal and clean it. */
export interface StackSlot {
  slot: string;
  runDir: string;
  /** Absolute path of the StackProvider module that brought it up. */
  provider: string;
  manifest: StackManifest;
  ownerPid: number;
  /** True once the owner took the stack down cleanly. */
  closed: boolean;
}

/**
 * One JSON file per worker slot under `<stateDir>/stacks/`. Slots are keyed by the worker's
 * parallel index, which a replacement worker inherits, so it finds what its predecessor left.
 */
export class StackRegistry {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = join(stateDir, 'stacks');
  }

  read(slot: string): StackSlot | undefined {
    try {
      return JSON.parse(readFileSync(this.file(slot), 'utf8')) as StackSlot;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`stack slot file ${this.file(slot)} is unreadable: ${(error as Error).message}`);
    }
  }

  write(record: StackSlot): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file(record.slot)}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(tmp, this.file(record.slot));
  }

  all(): StackSlot[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => this.read(n.slice(0, -'.json'.length)))
      .filter((s): s is StackSlot => s !== undefined);
  }

  private file(slot: string): string {
    return join(this.dir, `${slot}.json`);
  }
}
