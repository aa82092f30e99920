import type { Reader } from './reader';
import type { Writer } from './writer';

export interface JoinGroupRequest {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string;
  groupInstanceId: string | null;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
}

export interface JoinGroupResponse {
  errorCode: number;
  generationId: number;
  protocolName: string;
  leader: string;
  memberId: string;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

/** JoinGroup v0-v5. */
export function decodeJoinGroupRequest(r: Reader, version: number): JoinGroupRequest {
  const groupId = r.string();
  const sessionTimeoutMs = r.int32();
  const rebalanceTimeoutMs = version >= 1 ? r.int32() : sessionTimeoutMs;
  const memberId = r.string();
  const groupInstanceId = version >= 5 ? r.nullableString() : null;
  const protocolType = r.string();
  const protocols = r.array((p) => ({ name: p.string(), metadata: Buffer.from(p.bytes()) }));
  return { groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, groupInstanceId, protocolType, protocols };
}

export function encodeJoinGroupResponse(w: Writer, version: number, res: JoinGroupResponse): void {
  if (version >= 2) w.int32(0);
  w.int16(res.errorCode).int32(res.generationId).string(res.protocolName).string(res.leader).string(res.memberId);
  w.array(res.members, (w, m) => {
    w.string(m.memberId);
    if (version >= 5) w.string(m.groupInstanceId);
    w.bytes(m.metadata);
  });
}

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  assignments: { memberId: string; assignment: Buffer }[];
}

/** SyncGroup v0-v3. */
export function decodeSyncGroupRequest(r: Reader, version: number): SyncGroupRequest {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  if (version >= 3) r.nullableString();
  const assignments = r.array((a) => ({ memberId: a.string(), assignment: Buffer.from(a.bytes()) }));
  return { groupId, generationId, memberId, assignments };
}

export function encodeSyncGroupResponse(w: Writer, version: number, res: { errorCode: number; assignment: Buffer }): void {
  if (version >= 1) w.int32(0);
  w.int16(res.errorCode).bytes(res.assignment);
}
