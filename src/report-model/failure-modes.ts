/** A failure mode as the results tables number and name it. */
export interface FailureModeId {
  number: number;
  name: string;
}

/** The seed's six failure modes, by spec tag; its results table has exactly these rows. */
export const SEED_FAILURE_MODES: Readonly<Record<string, FailureModeId>> = {
  '@redpanda': { number: 1, name: 'Redpanda restart' },
  '@clickhouse': { number: 2, name: 'ClickHouse restart' },
  '@feed-handler': { number: 3, name: 'Feed handler crash' },
  '@offload': { number: 4, name: 'Offload failure' },
  '@minio': { number: 5, name: 'MinIO unavailable' },
  '@partition': { number: 6, name: 'Network partition' },
};

/** Failure modes the seed never named, numbered from 7; results.md shows them as "Beyond the seed". */
export const BEYOND_SEED_FAILURE_MODES: Readonly<Record<string, FailureModeId>> = {
  '@commit-crash': { number: 7, name: 'Offload killed at commit' },
  '@broker-outage': { number: 8, name: 'Long broker outage' },
  '@lost-acks': { number: 9, name: 'Lost broker acknowledgements' },
  '@exchange-drop': { number: 10, name: 'Exchange drops the feed' },
  '@one-way': { number: 11, name: 'One-way partition' },
  '@malformed': { number: 12, name: 'Malformed burst' },
  '@degraded-link': { number: 13, name: 'Degraded broker link' },
  '@exchange-stall': { number: 14, name: 'Exchange stalls silently' },
  '@id-gap': { number: 15, name: 'Exchange skips trade ids' },
  '@rest-down': { number: 16, name: 'REST down during gap fill' },
  '@flapping': { number: 17, name: 'Flapping broker link' },
  '@catalog-down': { number: 18, name: 'Catalog database down during commit' },
  '@broker-disk-full': { number: 19, name: 'Broker disk full' },
  '@broker-disk-read-only': { number: 20, name: 'Broker disk read-only' },
  '@clickhouse-disk-full': { number: 21, name: 'ClickHouse disk full' },
};

const LAST_SEED_MODE = 6;

export const isSeedFailureMode = (number: number): boolean => number >= 1 && number <= LAST_SEED_MODE;

/** The failure mode a test's tags name, so a test that failed before it could attach a ChaosRecord still lands on its row. */
export function failureModeFromTags(tags: readonly string[]): FailureModeId | undefined {
  for (const tag of tags) {
    const mode = SEED_FAILURE_MODES[tag] ?? BEYOND_SEED_FAILURE_MODES[tag];
    if (mode) return mode;
  }
  return undefined;
}
