/** The spec-facing chaos API: faults, probe and checker shapes, and the experiment. */
export { restart } from './faults/restart';
export { stop } from './faults/stop';
export { kill } from './faults/kill';
export { pause } from './faults/pause';
export { disconnect } from './faults/disconnect';
export { cutOff, dropReplies } from './faults/one-way-partition';
export { dropExchangeConnections } from './faults/drop-exchange-connections';
export { malformedBurst } from './faults/malformed-burst';
export type { Fault, FaultAction, FaultConfirmation } from './fault';
export type { ProgressProbe, FaultProbe, TimelineSource } from './progress-probe';
export type { InvariantCheck } from './invariant-check';
export type { ExperimentOptions, InjectOptions, AwaitRecoveryOptions, SteadyStateGateOptions } from './experiment-options';
export { Experiment } from './experiment';
export { ChaosOutcomeError } from './chaos-outcome-error';
export type { MonotonicClock } from './monotonic-clock';
export { SYSTEM_CLOCK } from './monotonic-clock';
export { ManualClock } from './manual-clock';
export type { StackProvider, StackProviderOptions } from './stack-provider';
