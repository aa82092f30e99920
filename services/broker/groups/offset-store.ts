import { closeSync, fdatasync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, fsyncSync } from 'node:fs';
import { dirname } from 'node:path';
import { CorruptLogError } from '../log/corrupt-log-error';
import { isFileSystemError, StorageError } from '../log/storage-error';

export interface CommittedOffset {
  offset: number;
  metadata: string | null;
}

/** fdatasync's shape. */
export type SyncData = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;

interface OffsetLine { g: string; t: string; p: number; o: number | null; m?: string | null }

/**
 * Committed group offsets: the latest value per (group, topic, partition) in memory, and an
 * append-only JSON-lines file on disk, compacted on every start. A commit is answered, and seen
 * by OffsetFetch, only after its line is fsynced: a commit whose fsync failed must not be handed
 * out, since after a restart the disk may not hold it and the offset would go back. Concurrent
 * commits share one fdatasync.
 */
export class OffsetStore {
  private readonly offsets = new Map<string, Map<string, Map<number, CommittedOffset>>>();
  private fd: number;
  /** Commits written and waiting for their fsync, in the order written. */
  private waiters: { lines: OffsetLine[]; resolve: () => void; reject: (e: Error) => void }[] = [];
  private syncing = false;

  /** `syncData` is fdatasync; tests pass one that fails, as a disk does that errs under a commit. */
  constructor(private readonly file: string, private readonly syncData: SyncData = fdatasync) {
    mkdirSync(dirname(file), { recursive: true });
    this.load();
    const tmp = `${file}.compact`;
    const fd = openSync(tmp, 'w');
    const lines: string[] = [];
    for (const [g, topics] of this.offsets) {
      for (const [t, parts] of topics) for (const [p, c] of parts) lines.push(JSON.stringify({ g, t, p, o: c.offset, m: c.metadata }));
    }
    writeSync(fd, lines.map((l) => `${l}\n`).join(''));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
    this.fd = openSync(file, 'a');
  }

  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    let position = 0;
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const start = position;
      position += Buffer.byteLength(line) + 1;
      if (line === '') return;
      let entry: OffsetLine;
      try {
        entry = JSON.parse(line) as OffsetLine;
      } catch {
        // Only the last line can be torn by a crash mid-write; anything earlier is damage.
        if (i === lines.length - 1) return;
        throw new CorruptLogError(this.file, start, 'unreadable offset commit line');
      }
      this.apply(entry);
    });
  }

  private apply(e: OffsetLine): void {
    let topics = this.offsets.get(e.g);
    if (!topics) this.offsets.set(e.g, (topics = new Map()));
    let parts = topics.get(e.t);
    if (!parts) topics.set(e.t, (parts = new Map()));
    if (e.o === null) parts.delete(e.p);
    else parts.set(e.p, { offset: e.o, metadata: e.m ?? null });
  }

  groups(): string[] {
    return [...this.offsets.keys()];
  }

  get(group: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(group)?.get(topic)?.get(partition);
  }

  /** Every committed (topic, partition) of a group. */
  committed(group: string): { topic: string; partition: number; value: CommittedOffset }[] {
    const out: { topic: string; partition: number; value: CommittedOffset }[] = [];
    for (const [topic, parts] of this.offsets.get(group) ?? []) {
      for (const [partition, value] of parts) out.push({ topic, partition, value });
    }
    return out;
  }

  /** Records the commits and resolves once they are on disk. */
  commit(group: string, entries: { topic: string; partition: number; offset: number; metadata: string | null }[]): Promise<void> {
    const lines = entries.map((e) => ({ g: group, t: e.topic, p: e.partition, o: e.offset, m: e.metadata }));
    return this.write(lines);
  }

  /** Forgets the offsets of a deleted topic. */
  deleteTopic(topic: string): Promise<void> {
    const lines: OffsetLine[] = [];
    for (const [g, topics] of this.offsets) for (const p of topics.get(topic)?.keys() ?? []) lines.push({ g, t: topic, p, o: null });
    return this.write(lines);
  }

  private write(lines: OffsetLine[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const size = fstatSync(this.fd).size;
    try {
      // A full disk can take part of a write and refuse the rest: write until all of it is in.
      const data = Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
      for (let written = 0; written < data.length;) written += writeSync(this.fd, data, written);
    } catch (error) {
      if (!isFileSystemError(error)) throw error;
      // A torn line before later commits would read as damage at the next start: cut it off.
      try { ftruncateSync(this.fd, size); } catch { /* a torn last line is dropped on load */ }
      return Promise.reject(new StorageError(this.file, error));
    }
    return new Promise((resolve, reject) => {
      this.waiters.push({ lines, resolve, reject });
      if (!this.syncing) void this.runSyncs();
    });
  }

  private async runSyncs(): Promise<void> {
    this.syncing = true;
    while (this.waiters.length > 0) {
      const waiters = this.waiters;
      this.waiters = [];
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => this.syncData(this.fd, (e) => resolve(e)));
      for (const w of waiters) {
        if (error) {
          w.reject(isFileSystemError(error) ? new StorageError(this.file, error) : error);
        } else {
          for (const line of w.lines) this.apply(line);
          w.resolve();
        }
      }
    }
    this.syncing = false;
  }

  /** Waits for a running fsync, then closes the file. */
  async close(): Promise<void> {
    while (this.syncing) await new Promise((resolve) => setTimeout(resolve, 1));
    closeSync(this.fd);
  }
}
