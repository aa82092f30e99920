import type { Outcome } from '../report-model/chaos-record';
import type { TestDefect } from '../../services/shared/test-defects';

/** Where in the pipeline a seeded defect lives. */
export type PipelineHop = 'exchange connection' | 'feed handler' | 'broker' | 'ClickHouse bronze' | 'ClickHouse silver' | 'ClickHouse gold' | 'offload' | 'offload and object store';

/** One row of the sensitivity table: a pipeline (clean, or with one seeded defect) against one failure mode. */
export interface SensitivityCase {
  /** Undefined: the clean reference pipeline, which must PASS. */
  defect?: TestDefect;
  hop?: PipelineHop;
  /** The failure mode's tag (`@feed-handler`). */
  mode: string;
  outcome: Outcome;
  /** For DATA_VIOLATION: the invariant that must be invalid (its name contains this). */
  invariant?: string;
}

const clean = (mode: string): SensitivityCase => ({ mode, outcome: 'PASS' });

/**
 * What each seeded defect must get, and the clean pipeline on the same modes. A defect caught by
 * a different outcome or invariant than listed is a failure of the suite too: it was caught by
 * accident, not by the check meant for it.
 */
export const SENSITIVITY_CASES: readonly SensitivityCase[] = [
  clean('@redpanda'), clean('@clickhouse'), clean('@feed-handler'), clean('@offload'), clean('@minio'),
  clean('@commit-crash'), clean('@broker-outage'), clean('@lost-acks'), clean('@exchange-drop'), clean('@exchange-stall'), clean('@rest-down'), clean('@broker-disk-full'), clean('@broker-disk-read-only'), clean('@clickhouse-disk-full'),
  { defect: 'feed-handler-reconnects-only-on-error', hop: 'exchange connection', mode: '@exchange-drop', outcome: 'NOT_RECOVERED' },
  { defect: 'feed-handler-trusts-pongs', hop: 'exchange connection', mode: '@exchange-stall', outcome: 'NOT_RECOVERED' },
  { defect: 'feed-handler-skips-gap-fill', hop: 'feed handler', mode: '@feed-handler', outcome: 'DATA_VIOLATION', invariant: 'trade ledger (bronze)' },
  { defect: 'feed-handler-gives-up-fill-on-error', hop: 'feed handler', mode: '@rest-down', outcome: 'DATA_VIOLATION', invariant: 'trade ledger (bronze)' },
  // Mode 8's minute-long outage catches it too, but mode 19 refuses produce for 12 s (past the
  // producer's retries as well) in a third of the time.
  { defect: 'feed-handler-drops-failed-batch', hop: 'feed handler', mode: '@broker-disk-full', outcome: 'DATA_VIOLATION', invariant: 'trade ledger (bronze)' },
  { defect: 'broker-acks-before-append', hop: 'broker', mode: '@redpanda', outcome: 'DATA_VIOLATION', invariant: 'trade ledger (bronze)' },
  { defect: 'broker-acks-refused-writes', hop: 'broker', mode: '@broker-disk-full', outcome: 'DATA_VIOLATION', invariant: 'trade ledger (bronze)' },
  { defect: 'broker-acks-refused-writes', hop: 'broker', mode: '@broker-disk-read-only', outcome: 'DATA_VIOLATION', invariant: 'trade ledger (bronze)' },
  { defect: 'bronze-keeps-only-live-trades', hop: 'ClickHouse bronze', mode: '@feed-handler', outcome: 'DATA_VIOLATION', invariant: 'trade ledger (bronze)' },
  { defect: 'clickhouse-commits-before-write', hop: 'ClickHouse bronze', mode: '@clickhouse-disk-full', outcome: 'DATA_VIOLATION', invariant: 'trade ledger (bronze)' },
  { defect: 'silver-dedupe-key-with-ingestion-time', hop: 'ClickHouse silver', mode: '@lost-acks', outcome: 'DATA_VIOLATION', invariant: 'trade ledger (silver)' },
  { defect: 'gold-minutes-by-ingestion-time', hop: 'ClickHouse gold', mode: '@clickhouse', outcome: 'DATA_VIOLATION', invariant: 'gold' },
  { defect: 'offload-split-commit', hop: 'offload', mode: '@commit-crash', outcome: 'DATA_VIOLATION', invariant: 'Iceberg holds exactly' },
  { defect: 'offload-watermark-before-upload', hop: 'offload', mode: '@offload', outcome: 'DATA_VIOLATION', invariant: 'failed run' },
  { defect: 'offload-skips-failed-window', hop: 'offload and object store', mode: '@minio', outcome: 'DATA_VIOLATION', invariant: 'failed run' },
];

/**
 * The defects CI runs (with the clean pipeline on their modes): K2's hole, the redelivery that
 * tests silver's dedupe, a NOT_RECOVERED outcome, and a broker that acknowledges what its full
 * disk refused. The full set is `npm run bench:sensitivity`.
 */
export const CI_DEFECTS: readonly TestDefect[] = ['offload-split-commit', 'silver-dedupe-key-with-ingestion-time', 'feed-handler-reconnects-only-on-error', 'broker-acks-refused-writes', 'clickhouse-commits-before-write'];

/**
 * The CI subset: the first case of each of those defects (one caught by two modes runs on its
 * first), and the clean pipeline on the modes they are caught by.
 */
export function ciSubset(cases: readonly SensitivityCase[]): SensitivityCase[] {
  const chosen = new Set(CI_DEFECTS.flatMap((d) => cases.find((c) => c.defect === d) ?? []));
  const modes = new Set([...chosen].map((c) => c.mode));
  return cases.filter((c) => (c.defect ? chosen.has(c) : modes.has(c.mode)));
}
