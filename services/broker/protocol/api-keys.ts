/** Kafka API keys the broker answers. */
export const API = {
  PRODUCE: 0,
  FETCH: 1,
  LIST_OFFSETS: 2,
  METADATA: 3,
  OFFSET_COMMIT: 8,
  OFFSET_FETCH: 9,
  FIND_COORDINATOR: 10,
  JOIN_GROUP: 11,
  HEARTBEAT: 12,
  LEAVE_GROUP: 13,
  SYNC_GROUP: 14,
  DESCRIBE_GROUPS: 15,
  LIST_GROUPS: 16,
  API_VERSIONS: 18,
  CREATE_TOPICS: 19,
  DELETE_TOPICS: 20,
} as const;

/**
 * Versions answered, per API key. Non-flexible versions only, except ApiVersions v3 (librdkafka's
 * first request): kafkajs 2.2 and librdkafka 2.0 both settle on these, which keeps the codecs
 * free of compact and tagged fields.
 */
export const SUPPORTED_VERSIONS: ReadonlyMap<number, { min: number; max: number }> = new Map([
  [API.PRODUCE, { min: 3, max: 7 }],
  [API.FETCH, { min: 4, max: 11 }],
  [API.LIST_OFFSETS, { min: 1, max: 5 }],
  [API.METADATA, { min: 1, max: 8 }],
  [API.OFFSET_COMMIT, { min: 2, max: 7 }],
  [API.OFFSET_FETCH, { min: 1, max: 5 }],
  [API.FIND_COORDINATOR, { min: 0, max: 2 }],
  [API.JOIN_GROUP, { min: 0, max: 5 }],
  [API.HEARTBEAT, { min: 0, max: 3 }],
  [API.LEAVE_GROUP, { min: 0, max: 3 }],
  [API.SYNC_GROUP, { min: 0, max: 3 }],
  [API.DESCRIBE_GROUPS, { min: 0, max: 4 }],
  [API.LIST_GROUPS, { min: 0, max: 2 }],
  [API.API_VERSIONS, { min: 0, max: 3 }],
  [API.CREATE_TOPICS, { min: 0, max: 4 }],
  [API.DELETE_TOPICS, { min: 0, max: 3 }],
]);

export function isSupported(apiKey: number, version: number): boolean {
  const range = SUPPORTED_VERSIONS.get(apiKey);
  return range !== undefined && version >= range.min && version <= range.max;
}
