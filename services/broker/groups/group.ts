import { randomUUID } from 'node:crypto';
import { ERR } from '../protocol/error-codes';
import type { JoinGroupRequest, JoinGroupResponse } from '../protocol/join-sync';
import type { GroupDescription } from '../protocol/group-misc';
import { EMPTY, memberFromSnapshot, memberSnapshot, type GroupSnapshot, type Member } from './group-member';

export type { GroupSnapshot } from './group-member';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/**
 * One consumer group under the classic rebalance protocol: members join, the group waits until
 * every known member has rejoined (or the rebalance timeout drops the laggards), the leader's
 * SyncGroup hands out assignments, and a member that stops heartbeating within its session
 * timeout is removed, which starts the next rebalance.
 */
export class Group {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType = '';
  protocol = '';
  leader = '';
  private readonly members = new Map<string, Member>();
  private rebalanceTimer?: NodeJS.Timeout;

  constructor(readonly groupId: string, private readonly onChange: () => void = () => undefined) {}

  get size(): number {
    return this.members.size;
  }

  join(req: JoinGroupRequest, clientId: string, clientHost: string): Promise<JoinGroupResponse> {
    const fail = (errorCode: number) => Promise.resolve({ errorCode, generationId: -1, protocolName: '', leader: '', memberId: req.memberId, members: [] });
    if (this.members.size > 0 && req.protocolType !== this.protocolType) return fail(ERR.INCONSISTENT_GROUP_PROTOCOL);
    if (req.protocols.length === 0) return fail(ERR.INCONSISTENT_GROUP_PROTOCOL);
    const others = [...this.members.values()].filter((m) => m.memberId !== req.memberId);
    if (others.length > 0 && !req.protocols.some((p) => others.every((m) => m.protocols.some((q) => q.name === p.name)))) {
      return fail(ERR.INCONSISTENT_GROUP_PROTOCOL);
    }
    let member = this.members.get(req.memberId);
    if (req.memberId !== '' && !member) return fail(ERR.UNKNOWN_MEMBER_ID);
    if (!member) {
      member = { memberId: `${clientId}-${randomUUID()}`, clientId, clientHost, sessionTimeoutMs: 0, rebalanceTimeoutMs: 0, protocols: [], assignment: EMPTY };
      this.members.set(member.memberId, member);
    }
    Object.assign(member, { sessionTimeoutMs: req.sessionTimeoutMs, rebalanceTimeoutMs: req.rebalanceTimeoutMs, protocols: req.protocols });
    this.protocolType = req.protocolType;
    clearTimeout(member.sessionTimer);
    const joined = member;
    const response = new Promise<JoinGroupResponse>((resolve) => { joined.joinWaiter = resolve; });
    if (this.state !== 'PreparingRebalance') this.prepareRebalance();
    this.maybeCompleteJoin();
    this.onChange();
    return response;
  }

  sync(generationId: number, memberId: string, assignments: { memberId: string; assignment: Buffer }[]): Promise<{ errorCode: number; assignment: Buffer }> {
    const member = this.members.get(memberId);
    const answer = (errorCode: number, assignment = EMPTY) => Promise.resolve({ errorCode, assignment });
    if (!member) return answer(ERR.UNKNOWN_MEMBER_ID);
    if (generationId !== this.generationId) return answer(ERR.ILLEGAL_GENERATION);
    if (this.state === 'PreparingRebalance') return answer(ERR.REBALANCE_IN_PROGRESS);
    this.touch(member);
    if (this.state === 'Stable') return answer(ERR.NONE, member.assignment);
    const pending = new Promise<{ errorCode: number; assignment: Buffer }>((resolve) => { member.syncWaiter = resolve; });
    if (memberId === this.leader) {
      const byMember = new Map(assignments.map((a) => [a.memberId, a.assignment]));
      this.state = 'Stable';
      for (const m of this.members.values()) {
        m.assignment = byMember.get(m.memberId) ?? EMPTY;
        m.syncWaiter?.({ errorCode: ERR.NONE, assignment: m.assignment });
        m.syncWaiter = undefined;
      }
      this.onChange();
    }
    return pending;
  }

  heartbeat(generationId: number, memberId: string): number {
    const member = this.members.get(memberId);
    if (!member) return ERR.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ERR.ILLEGAL_GENERATION;
    this.touch(member);
    return this.state === 'PreparingRebalance' ? ERR.REBALANCE_IN_PROGRESS : ERR.NONE;
  }

  leave(memberId: string): number {
    const member = this.members.get(memberId);
    if (!member) return ERR.UNKNOWN_MEMBER_ID;
    this.remove(member);
    return ERR.NONE;
  }

  /** Whether an offset commit from this member and generation may be stored. */
  validateCommit(generationId: number, memberId: string): number {
    if (generationId < 0 && memberId === '') return this.members.size === 0 ? ERR.NONE : ERR.UNKNOWN_MEMBER_ID;
    const member = this.members.get(memberId);
    if (!member) return ERR.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ERR.ILLEGAL_GENERATION;
    if (this.state === 'CompletingRebalance') return ERR.REBALANCE_IN_PROGRESS;
    this.touch(member);
    return ERR.NONE;
  }

  describe(): GroupDescription {
    const stable = this.state === 'Stable' || this.state === 'CompletingRebalance';
    return {
      errorCode: ERR.NONE, groupId: this.groupId, state: this.state, protocolType: this.protocolType, protocol: stable ? this.protocol : '',
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost,
        metadata: m.protocols.find((p) => p.name === this.protocol)?.metadata ?? EMPTY,
        assignment: this.state === 'Stable' ? m.assignment : EMPTY,
      })),
    };
  }

  /**
   * The state to persist: members only when Stable (as Kafka stores group metadata once the
   * leader's assignment is in), so that after a restart consumers keep their member ids and
   * generation and commit as if nothing happened, instead of rebalancing and re-reading.
   */
  snapshot(): GroupSnapshot {
    const stable = this.state === 'Stable';
    return {
      groupId: this.groupId, generationId: this.generationId, protocolType: this.protocolType,
      protocol: stable ? this.protocol : '', leader: stable ? this.leader : '',
      members: stable ? [...this.members.values()].map(memberSnapshot) : [],
    };
  }

  /** Brings back a persisted group; its members get a fresh session timeout to show up again. */
  restore(s: GroupSnapshot): void {
    Object.assign(this, { generationId: s.generationId, protocolType: s.protocolType, protocol: s.protocol, leader: s.leader });
    for (const m of s.members) {
      const member = memberFromSnapshot(m);
      this.members.set(m.memberId, member);
      this.touch(member);
    }
    this.state = this.members.size > 0 ? 'Stable' : 'Empty';
  }

  private touch(member: Member): void {
    clearTimeout(member.sessionTimer);
    member.sessionTimer = setTimeout(() => this.remove(member), member.sessionTimeoutMs);
    member.sessionTimer.unref();
  }

  private prepareRebalance(): void {
    for (const m of this.members.values()) {
      m.syncWaiter?.({ errorCode: ERR.REBALANCE_IN_PROGRESS, assignment: EMPTY });
      m.syncWaiter = undefined;
    }
    this.state = 'PreparingRebalance';
    const timeoutMs = Math.max(0, ...[...this.members.values()].map((m) => m.rebalanceTimeoutMs));
    clearTimeout(this.rebalanceTimer);
    this.rebalanceTimer = setTimeout(() => this.completeJoin(), timeoutMs);
    this.rebalanceTimer.unref();
  }

  private maybeCompleteJoin(): void {
    if (this.state === 'PreparingRebalance' && [...this.members.values()].every((m) => m.joinWaiter)) this.completeJoin();
  }

  private completeJoin(): void {
    clearTimeout(this.rebalanceTimer);
    for (const m of [...this.members.values()]) if (!m.joinWaiter) this.drop(m);
    this.generationId++;
    if (this.members.size === 0) {
      this.toEmpty();
      return;
    }
    this.protocol = this.chooseProtocol();
    if (!this.members.has(this.leader)) this.leader = this.members.keys().next().value!;
    this.state = 'CompletingRebalance';
    const all = [...this.members.values()].map((m) => ({
      memberId: m.memberId, groupInstanceId: null, metadata: m.protocols.find((p) => p.name === this.protocol)?.metadata ?? EMPTY,
    }));
    for (const m of this.members.values()) {
      const waiter = m.joinWaiter!;
      m.joinWaiter = undefined;
      this.touch(m);
      waiter({
        errorCode: ERR.NONE, generationId: this.generationId, protocolName: this.protocol, leader: this.leader,
        memberId: m.memberId, members: m.memberId === this.leader ? all : [],
      });
    }
    this.onChange();
  }

  /** The protocol every member supports that most members list first. */
  private chooseProtocol(): string {
    const members = [...this.members.values()];
    const candidates = members[0]!.protocols.map((p) => p.name).filter((name) => members.every((m) => m.protocols.some((p) => p.name === name)));
    const votes = new Map(candidates.map((c) => [c, 0]));
    for (const m of members) {
      const pick = m.protocols.find((p) => votes.has(p.name));
      if (pick) votes.set(pick.name, votes.get(pick.name)! + 1);
    }
    return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? members[0]!.protocols[0]!.name;
  }

  private remove(member: Member): void {
    this.drop(member);
    if (this.members.size === 0) {
      if (this.state !== 'Empty') this.generationId++;
      this.toEmpty();
    } else if (this.state === 'PreparingRebalance') this.maybeCompleteJoin();
    else this.prepareRebalance();
    this.onChange();
  }

  private drop(member: Member): void {
    clearTimeout(member.sessionTimer);
    member.joinWaiter?.({ errorCode: ERR.UNKNOWN_MEMBER_ID, generationId: -1, protocolName: '', leader: '', memberId: member.memberId, members: [] });
    member.syncWaiter?.({ errorCode: ERR.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    this.members.delete(member.memberId);
  }

  private toEmpty(): void {
    clearTimeout(this.rebalanceTimer);
    this.state = 'Empty';
    this.leader = '';
    this.protocol = '';
  }

  /** Answers every waiting request with `errorCode` and stops all timers. */
  close(errorCode: number): void {
    clearTimeout(this.rebalanceTimer);
    for (const m of this.members.values()) {
      clearTimeout(m.sessionTimer);
      m.joinWaiter?.({ errorCode, generationId: -1, protocolName: '', leader: '', memberId: m.memberId, members: [] });
      m.syncWaiter?.({ errorCode, assignment: EMPTY });
    }
    this.members.clear();
    this.state = 'Dead';
  }
}
