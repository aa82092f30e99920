import { ERR } from '../protocol/error-codes';
import {
  decodeDescribeGroupsRequest, decodeFindCoordinatorRequest, decodeHeartbeatRequest, decodeLeaveGroupRequest,
  encodeDescribeGroupsResponse, encodeErrorOnlyResponse, encodeFindCoordinatorResponse, encodeLeaveGroupResponse,
  encodeListGroupsResponse,
} from '../protocol/group-misc';
import { decodeJoinGroupRequest, decodeSyncGroupRequest, encodeJoinGroupResponse, encodeSyncGroupResponse } from '../protocol/join-sync';
import type { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import type { RequestContext } from './request-context';

/** FindCoordinator: this broker coordinates every group; transaction coordinators are not offered. */
export function handleFindCoordinator(ctx: RequestContext, r: Reader, version: number): Buffer {
  const req = decodeFindCoordinatorRequest(r, version);
  const w = new Writer();
  const errorCode = req.keyType === 0 ? ERR.NONE : ERR.COORDINATOR_NOT_AVAILABLE;
  encodeFindCoordinatorResponse(w, version, { errorCode, nodeId: ctx.core.options.nodeId, ...ctx.advertised });
  return w.finish();
}

export async function handleJoinGroup(ctx: RequestContext, r: Reader, version: number): Promise<Buffer> {
  const req = decodeJoinGroupRequest(r, version);
  const { groups } = ctx.core;
  const fail = (errorCode: number) => ({ errorCode, generationId: -1, protocolName: '', leader: '', memberId: req.memberId, members: [] });
  const res = req.groupId === '' ? fail(ERR.INVALID_GROUP_ID)
    : !groups.validSessionTimeout(req.sessionTimeoutMs) ? fail(ERR.INVALID_SESSION_TIMEOUT)
      : await groups.getOrCreate(req.groupId).join(req, ctx.clientId, ctx.clientHost);
  const w = new Writer();
  encodeJoinGroupResponse(w, version, res);
  return w.finish();
}

export async function handleSyncGroup(ctx: RequestContext, r: Reader, version: number): Promise<Buffer> {
  const req = decodeSyncGroupRequest(r, version);
  const group = ctx.core.groups.get(req.groupId);
  const res = group ? await group.sync(req.generationId, req.memberId, req.assignments) : { errorCode: ERR.UNKNOWN_MEMBER_ID, assignment: Buffer.alloc(0) };
  const w = new Writer();
  encodeSyncGroupResponse(w, version, res);
  return w.finish();
}

export function handleHeartbeat(ctx: RequestContext, r: Reader, version: number): Buffer {
  const req = decodeHeartbeatRequest(r, version);
  const group = ctx.core.groups.get(req.groupId);
  const w = new Writer(16);
  encodeErrorOnlyResponse(w, version, group ? group.heartbeat(req.generationId, req.memberId) : ERR.UNKNOWN_MEMBER_ID);
  return w.finish();
}

export function handleLeaveGroup(ctx: RequestContext, r: Reader, version: number): Buffer {
  const req = decodeLeaveGroupRequest(r, version);
  const group = ctx.core.groups.get(req.groupId);
  const members = req.memberIds.map((memberId) => ({ memberId, errorCode: group ? group.leave(memberId) : ERR.UNKNOWN_MEMBER_ID }));
  const w = new Writer();
  const errorCode = version >= 3 ? ERR.NONE : members[0]!.errorCode;
  encodeLeaveGroupResponse(w, version, errorCode, members);
  return w.finish();
}

export function handleDescribeGroups(ctx: RequestContext, r: Reader, version: number): Buffer {
  const ids = decodeDescribeGroupsRequest(r, version);
  const groups = ids.map((groupId) => ctx.core.groups.get(groupId)?.describe()
    ?? { errorCode: ERR.NONE, groupId, state: 'Dead', protocolType: '', protocol: '', members: [] });
  const w = new Writer();
  encodeDescribeGroupsResponse(w, version, groups);
  return w.finish();
}

export function handleListGroups(ctx: RequestContext, _r: Reader, version: number): Buffer {
  const w = new Writer();
  encodeListGroupsResponse(w, version, ctx.core.groups.list().map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })));
  return w.finish();
}
