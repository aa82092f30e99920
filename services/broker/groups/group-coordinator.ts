import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { isFileSystemError, StorageError } from '../log/storage-error';
import { ERR } from '../protocol/error-codes';
import { Group, type GroupSnapshot } from './group';
import type { OffsetStore } from './offset-store';

/** Session timeouts a member may ask for (Kafka's group.min/max.session.timeout.ms, widened for tests). */
const MIN_SESSION_TIMEOUT_MS = 1_000;
const MAX_SESSION_TIMEOUT_MS = 3_600_000;

/**
 * The single group coordinator of this broker: groups by id and their durable offsets. Groups
 * that only have committed offsets (for example after a restart) exist in the Empty state.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();

  private readonly onChange: () => void;
  private closed = false;

  /** `stateFile` keeps group generations and Stable memberships across restarts. */
  constructor(readonly offsets: OffsetStore, private readonly stateFile: string, onChange: () => void = () => undefined) {
    this.onChange = () => {
      this.persist();
      onChange();
    };
    for (const groupId of offsets.groups()) {
      const group = new Group(groupId, this.onChange);
      group.protocolType = 'consumer';
      this.groups.set(groupId, group);
    }
    for (const snapshot of this.load()) {
      const group = this.groups.get(snapshot.groupId) ?? new Group(snapshot.groupId, this.onChange);
      group.restore(snapshot);
      this.groups.set(snapshot.groupId, group);
    }
  }

  private load(): GroupSnapshot[] {
    let text: string;
    try {
      text = readFileSync(this.stateFile, 'utf8');
    } catch {
      return [];
    }
    try {
      return JSON.parse(text) as GroupSnapshot[];
    } catch (error) {
      throw new Error(`unreadable group state ${this.stateFile}: ${(error as Error).message}`);
    }
  }

  /** Rewrites the group state file atomically (write, fsync, rename): it changes only on rebalances. */
  /**
   * Writes the groups' state through a temporary file and a rename. A disk that refuses it
   * (full, read-only) leaves the previous file whole; the state in memory is written again at
   * the next change.
   */
  private persist(): void {
    if (this.closed) return;
    const tmp = `${this.stateFile}.tmp`;
    let fd: number | undefined;
    try {
      fd = openSync(tmp, 'w');
      writeSync(fd, JSON.stringify(this.list().filter((g) => g.state !== 'Dead').map((g) => g.snapshot())));
      fsyncSync(fd);
      closeSync(fd);
      fd = undefined;
      renameSync(tmp, this.stateFile);
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      if (!isFileSystemError(error)) throw error;
      console.error(`k2-chaos broker: group state not saved: ${error.message}`);
    }
  }

  get(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  getOrCreate(groupId: string): Group {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new Group(groupId, this.onChange);
      this.groups.set(groupId, group);
      this.onChange();
    }
    return group;
  }

  list(): Group[] {
    return [...this.groups.values()];
  }

  validSessionTimeout(ms: number): boolean {
    return ms >= MIN_SESSION_TIMEOUT_MS && ms <= MAX_SESSION_TIMEOUT_MS;
  }

  /** Validates a commit against the group's generation, then stores it durably. */
  async commit(
    groupId: string, generationId: number, memberId: string,
    entries: { topic: string; partition: number; offset: number; metadata: string | null }[],
  ): Promise<number> {
    if (groupId === '') return ERR.INVALID_GROUP_ID;
    const group = this.getOrCreate(groupId);
    const errorCode = group.validateCommit(generationId, memberId);
    if (errorCode !== ERR.NONE) return errorCode;
    try {
      await this.offsets.commit(groupId, entries);
    } catch (error) {
      // As Kafka answers a commit its offsets log refused: the client finds the coordinator again and retries.
      if (error instanceof StorageError) return ERR.NOT_COORDINATOR;
      throw error;
    }
    return ERR.NONE;
  }

  /** Answers waiting group requests; the persisted state stays as the last rebalance left it. */
  close(): void {
    if (this.closed) return;
    this.persist();
    this.closed = true;
    for (const group of this.groups.values()) group.close(ERR.NOT_COORDINATOR);
  }
}
