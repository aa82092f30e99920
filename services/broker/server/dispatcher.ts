import { API, SUPPORTED_VERSIONS, isSupported } from '../protocol/api-keys';
import { encodeApiVersionsResponse } from '../protocol/api-versions';
import { MalformedRequestError, Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import { handleFetch } from './fetch-handler';
import {
  handleDescribeGroups, handleFindCoordinator, handleHeartbeat, handleJoinGroup, handleLeaveGroup, handleListGroups, handleSyncGroup,
} from './group-handlers';
import { handleOffsetCommit, handleOffsetFetch } from './offset-handlers';
import { handleProduce } from './produce-handler';
import type { RequestContext } from './request-context';
import { handleCreateTopics, handleDeleteTopics, handleListOffsets, handleMetadata } from './topic-handlers';

type Handler = (ctx: RequestContext, r: Reader, version: number) => Buffer | null | Promise<Buffer | null>;

const HANDLERS = new Map<number, Handler>([
  [API.PRODUCE, handleProduce],
  [API.FETCH, handleFetch],
  [API.LIST_OFFSETS, handleListOffsets],
  [API.METADATA, handleMetadata],
  [API.OFFSET_COMMIT, handleOffsetCommit],
  [API.OFFSET_FETCH, handleOffsetFetch],
  [API.FIND_COORDINATOR, handleFindCoordinator],
  [API.JOIN_GROUP, handleJoinGroup],
  [API.HEARTBEAT, handleHeartbeat],
  [API.LEAVE_GROUP, handleLeaveGroup],
  [API.SYNC_GROUP, handleSyncGroup],
  [API.DESCRIBE_GROUPS, handleDescribeGroups],
  [API.LIST_GROUPS, handleListGroups],
  [API.CREATE_TOPICS, handleCreateTopics],
  [API.DELETE_TOPICS, handleDeleteTopics],
]);

/** Connection-level details the dispatcher needs besides the broker state. */
export type ConnectionInfo = Omit<RequestContext, 'clientId'>;

/**
 * Decodes the request header of one frame and runs its handler. Resolves to the whole response
 * frame (size, correlation id, body), or null when the request takes no response (acks=0).
 * Throws MalformedRequestError for frames the connection must be closed for: undecodable
 * bodies, unknown API keys and versions (as Kafka does), except ApiVersions, which always
 * answers so that clients can negotiate.
 */
export function dispatch(conn: ConnectionInfo, frame: Buffer): Promise<Buffer | null> | Buffer | null {
  const r = new Reader(frame);
  const apiKey = r.int16();
  const version = r.int16();
  const correlationId = r.int32();
  if (apiKey === API.API_VERSIONS) {
    const supported = version <= SUPPORTED_VERSIONS.get(API.API_VERSIONS)!.max && version >= 0;
    return respond(correlationId, (w) => encodeApiVersionsResponse(w, version, supported));
  }
  const handler = HANDLERS.get(apiKey);
  if (!handler || !isSupported(apiKey, version)) throw new MalformedRequestError(`unsupported API key ${apiKey} version ${version}`);
  const clientId = r.nullableString() ?? '';
  conn.core.metrics.requests(1, { api: String(apiKey) });
  const out = handler({ ...conn, clientId }, r, version);
  return out instanceof Promise ? out.then((body) => frameOf(correlationId, body)) : frameOf(correlationId, out);
}

function respond(correlationId: number, write: (w: Writer) => void): Buffer {
  const w = new Writer(512);
  write(w);
  return frameOf(correlationId, w.finish())!;
}

function frameOf(correlationId: number, body: Buffer | null): Buffer | null {
  if (body === null) return null;
  const out = Buffer.allocUnsafe(8 + body.length);
  out.writeInt32BE(4 + body.length, 0);
  out.writeInt32BE(correlationId, 4);
  body.copy(out, 8);
  return out;
}
