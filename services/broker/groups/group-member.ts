import type { JoinGroupResponse } from '../protocol/join-sync';

export const EMPTY: Buffer = Buffer.alloc(0);

/** One member of a group, with the requests it is waiting on. */
export interface Member {
  memberId: string;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: { name: string; metadata: Buffer }[];
  assignment: Buffer;
  joinWaiter?: (res: JoinGroupResponse) => void;
  syncWaiter?: (res: { errorCode: number; assignment: Buffer }) => void;
  sessionTimer?: NodeJS.Timeout;
}

/** What survives a broker restart: a Stable group's generation, members and assignments. */
export interface GroupSnapshot {
  groupId: string;
  generationId: number;
  protocolType: string;
  protocol: string;
  leader: string;
  members: {
    memberId: string; clientId: string; clientHost: string; sessionTimeoutMs: number; rebalanceTimeoutMs: number;
    protocols: { name: string; metadata: string }[]; assignment: string;
  }[];
}

export function memberSnapshot(m: Member): GroupSnapshot['members'][number] {
  return {
    memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost, sessionTimeoutMs: m.sessionTimeoutMs,
    rebalanceTimeoutMs: m.rebalanceTimeoutMs, assignment: m.assignment.toString('base64'),
    protocols: m.protocols.map((p) => ({ name: p.name, metadata: p.metadata.toString('base64') })),
  };
}

export function memberFromSnapshot(m: GroupSnapshot['members'][number]): Member {
  return {
    ...m, assignment: Buffer.from(m.assignment, 'base64'),
    protocols: m.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata, 'base64') })),
  };
}
