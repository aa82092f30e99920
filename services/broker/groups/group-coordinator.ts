import { ERR } from '../protocol/error-codes';
import { Group } from './group';
import { OffsetStore } from './offset-store';

/** Session timeouts a member may ask for (Kafka's group.min/max.session.timeout.ms, widened for tests). */
const MIN_SESSION_TIMEOUT_MS = 1_000;
const MAX_SESSION_TIMEOUT_MS = 3_600_000;

/**
 * The single group coordinator of this broker: groups by id and their durable offsets. Groups
 * that only have committed offsets (for example after a restart) exist in the Empty state.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();

  constructor(readonly offsets: OffsetStore, private readonly onChange: () => void = () => undefined) {
    for (const groupId of offsets.groups()) {
      const group = new Group(groupId, onChange);
      group.protocolType = 'consumer';
      this.groups.set(groupId, group);
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
    await this.offsets.commit(groupId, entries);
    return ERR.NONE;
  }

  close(): void {
    for (const group of this.groups.values()) group.close(ERR.NOT_COORDINATOR);
  }
}
