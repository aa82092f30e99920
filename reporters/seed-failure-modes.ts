/**
 * The seed's six failure modes by spec tag, so a test that failed before it could attach a
 * ChaosRecord still lands on its numbered row.
 */
export const SEED_FAILURE_MODES: Readonly<Record<string, { number: number; name: string }>> = {
  '@redpanda': { number: 1, name: 'Redpanda restart' },
  '@clickhouse': { number: 2, name: 'ClickHouse restart' },
  '@feed-handler': { number: 3, name: 'Feed handler crash' },
  '@offload': { number: 4, name: 'Offload failure' },
  '@minio': { number: 5, name: 'MinIO unavailable' },
  '@partition': { number: 6, name: 'Network partition' },
};

export function failureModeFromTags(tags: readonly string[]): { number: number; name: string } | undefined {
  for (const tag of tags) {
    const mode = SEED_FAILURE_MODES[tag];
    if (mode) return mode;
  }
  return undefined;
}
