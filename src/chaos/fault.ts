import type { FaultRecord } from '../report-model/chaos-record';
import type { ServiceState, StartedStack } from '../targets/started-stack';

export type FaultAction = FaultRecord['action'];

/** What the target showed after inject: whether the fault took effect, and what was seen. */
export interface FaultConfirmation {
  applied: boolean;
  /** What was observed ("pid 4121 gone", "still running as pid 4121"). */
  detail: string;
}

/**
 * An inject/heal pair on one service, built only on StartedStack's idempotent primitives, so
 * `heal` is safe to call twice, after a half-applied inject, or from another process.
 */
export interface Fault {
  /** "restart broker", "disconnect clickhouse". */
  readonly name: string;
  readonly service: string;
  readonly action: FaultAction;
  /** Needs `stack.supportsNetworkFaults`; otherwise the test is skipped with that reason. */
  readonly network: boolean;
  /** Why this stack cannot take the fault (no disk of its own, say); the test is then skipped with it. */
  unsupported?(stack: StartedStack): string | undefined;
  /** What the fault was applied with (a port, the peers), shown in the evidence. */
  readonly parameters?: Readonly<Record<string, string | number>>;
  inject(stack: StartedStack): Promise<void>;
  heal(stack: StartedStack): Promise<void>;
  /** Judges the state after inject against the state before it. */
  confirm(before: ServiceState, after: ServiceState): FaultConfirmation;
}
