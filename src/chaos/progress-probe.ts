/**
 * A read-only view of the stack that shows whether it is making progress, e.g. silver row counts
 * per exchange. `read` may throw: an error means "unhealthy", never "no data".
 */
export interface ProgressProbe<T> {
  /** Short noun phrase, shown in steps and logs ("silver advancing"). Marks are keyed by it. */
  name: string;
  read(): Promise<T>;
  /** True when `now` shows progress past `mark` (e.g. every exchange's count grew). */
  progressed(mark: T, now: T): boolean;
  /** One line for logs and reasons ("binance=4120 kraken=3980 coinbase=4011"). */
  describe(value: T): string;
  /** Optional extra health condition on a reading (e.g. lag under 2 s); absent means healthy. */
  healthy?(value: T): boolean;
}

/**
 * A spec-supplied check that a fault took effect beyond the process state, e.g. "broker
 * unreachable". It is polled until it returns true or its confirmation window ends.
 */
export interface FaultProbe {
  name: string;
  /** True once the fault is visible; throwing counts as "not yet". */
  check(): Promise<boolean>;
}

/** A numeric series sampled into the evidence timeline ("silver trades binance", "e2e lag"). */
export interface TimelineSource {
  name: string;
  unit: string;
  read(): Promise<number>;
}
