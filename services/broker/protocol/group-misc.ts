import type { Reader } from './reader';
import type { Writer } from './writer';

/** FindCoordinator v0-v2: the key (group id); key type 1 (transactions) is refused by the caller. */
export function decodeFindCoordinatorRequest(r: Reader, version: number): { key: string; keyType: number } {
  const key = r.string();
  return { key, keyType: version >= 1 ? r.int8() : 0 };
}

export function encodeFindCoordinatorResponse(
  w: Writer, version: number, res: { errorCode: number; nodeId: number; host: string; port: number },
): void {
  if (version >= 1) w.int32(0);
  w.int16(res.errorCode);
  if (version >= 1) w.string(null);
  w.int32(res.nodeId).string(res.host).int32(res.port);
}

/** Heartbeat v0-v3. */
export function decodeHeartbeatRequest(r: Reader, version: number): { groupId: string; generationId: number; memberId: string } {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  if (version >= 3) r.nullableString();
  return { groupId, generationId, memberId };
}

/** Responses that are just throttle time (v1+) and an error code: Heartbeat, LeaveGroup v0-v2. */
export function encodeErrorOnlyResponse(w: Writer, version: number, errorCode: number): void {
  if (version >= 1) w.int32(0);
  w.int16(errorCode);
}

/** LeaveGroup v0-v3; v3 names several members at once. */
export function decodeLeaveGroupRequest(r: Reader, version: number): { groupId: string; memberIds: string[] } {
  const groupId = r.string();
  if (version < 3) return { groupId, memberIds: [r.string()] };
  const members = r.array((m) => ({ memberId: m.string(), groupInstanceId: m.nullableString() }));
  return { groupId, memberIds: members.map((m) => m.memberId) };
}

export function encodeLeaveGroupResponse(
  w: Writer, version: number, errorCode: number, members: { memberId: string; errorCode: number }[],
): void {
  encodeErrorOnlyResponse(w, version, errorCode);
  if (version >= 3) w.array(members, (w, m) => w.string(m.memberId).string(null).int16(m.errorCode));
}

export interface GroupDescription {
  errorCode: number;
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: { memberId: string; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }[];
}

/** DescribeGroups v0-v4. */
export function decodeDescribeGroupsRequest(r: Reader, version: number): string[] {
  const groups = r.array((g) => g.string());
  if (version >= 3) r.boolean();
  return groups;
}

export function encodeDescribeGroupsResponse(w: Writer, version: number, groups: GroupDescription[]): void {
  if (version >= 1) w.int32(0);
  w.array(groups, (w, g) => {
    w.int16(g.errorCode).string(g.groupId).string(g.state).string(g.protocolType).string(g.protocol);
    w.array(g.members, (w, m) => {
      w.string(m.memberId);
      if (version >= 4) w.string(null);
      w.string(m.clientId).string(m.clientHost).bytes(m.metadata).bytes(m.assignment);
    });
    if (version >= 3) w.int32(-2147483648);
  });
}

/** ListGroups v0-v2 (the request has no body). */
export function encodeListGroupsResponse(w: Writer, version: number, groups: { groupId: string; protocolType: string }[]): void {
  if (version >= 1) w.int32(0);
  w.int16(0);
  w.array(groups, (w, g) => w.string(g.groupId).string(g.protocolType));
}
