import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FaultAction } from './fault';

export const FAULT_JOURNAL_FILE = 'faults.jsonl';

/** Who healed a fault: the test's own teardown, a later worker, or the run's global teardown. */
export type HealedBy = 'experiment' | 'teardown' | 'next-worker' | 'global-teardown';

export interface InjectEntry {
  event: 'inject';
  id: string;
  name: string;
  service: string;
  action: FaultAction;
  at: string;
  /** Process that injected it; a pending fault whose owner is dead is healed by someone else. */
  ownerPid: number;
  test?: string;
}

export interface HealEntry {
  event: 'heal';
  id: string;
  at: string;
  by: HealedBy;
  healerPid: number;
  /** Present when the heal failed; the fault then stays pending. */
  error?: string;
}

export type JournalEntry = InjectEntry | HealEntry;

/**
 * Append-only record of faults in a stack's run folder (`faults.jsonl`). A fault is written here
 * before it is injected, so a worker that dies mid-experiment leaves enough behind for the next
 * worker or the global teardown to heal it. Lines are appended whole (O_APPEND), so several
 * processes can share one journal.
 */
export class FaultJournal {
  readonly file: string;

  constructor(runDir: string) {
    this.file = join(runDir, FAULT_JOURNAL_FILE);
  }

  /** Registers a fault about to be injected; returns its id. */
  register(fault: { name: string; service: string; action: FaultAction }, test?: string): InjectEntry {
    const entry: InjectEntry = { event: 'inject', id: randomUUID(), name: fault.name, service: fault.service, action: fault.action, at: new Date().toISOString(), ownerPid: process.pid };
    if (test !== undefined) entry.test = test;
    this.append(entry);
    return entry;
  }

  recordHeal(id: string, by: HealedBy, error?: string): void {
    const entry: HealEntry = { event: 'heal', id, at: new Date().toISOString(), by, healerPid: process.pid };
    if (error !== undefined) entry.error = error;
    this.append(entry);
  }

  entries(): JournalEntry[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as JournalEntry);
      } catch {
        // A line torn by a process killed mid-write carries no complete fault; skip it.
      }
    }
    return entries;
  }

  /** Faults injected and not successfully healed, in injection order. */
  pending(filter?: (entry: InjectEntry) => boolean): InjectEntry[] {
    const healed = new Set<string>();
    const injected: InjectEntry[] = [];
    for (const entry of this.entries()) {
      if (entry.event === 'inject') injected.push(entry);
      else if (entry.event === 'heal' && entry.error === undefined) healed.add(entry.id);
    }
    return injected.filter((e) => !healed.has(e.id) && (filter?.(e) ?? true));
  }

  private append(entry: JournalEntry): void {
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}
