import type { ChaosRecord, FaultRecord, InvariantResult, Outcome, RecoveryMarks, TimelineSeries } from '../report-model/chaos-record';
import { ChaosOutcomeError } from './chaos-outcome-error';
import { checkSteadyState } from './check-steady-state';
import { confirmFault } from './confirm-fault';
import { decideOutcome, PHASE_WORDS, type ExperimentPhase, type OutcomeEvidence } from './decide-outcome';
import type { Fault } from './fault';
import { healActiveFaults, type ActiveFault } from './active-fault';
import { awaitProbesRecovery } from './await-probes-recovery';
import { compactError } from './compact-error';
import { describeObservation } from './describe-observation';
import { formatMs } from './format-ms';
import type { InvariantCheck } from './invariant-check';
import { SYSTEM_CLOCK } from './monotonic-clock';
import { validateExperimentOptions, type AwaitRecoveryOptions, type ExperimentContext, type ExperimentOptions, type InjectOptions, type SteadyStateGateOptions } from './experiment-options';
import { DEFAULT_POLL_INTERVAL_MS, DEFAULT_STEADY_POLLS } from './poll-progress';
import { errorMessage, readProbe } from './probe-reading';
import type { ProgressProbe } from './progress-probe';
import { RecoveryClock } from './recovery-clock';
import { invariantName, runInvariant } from './run-invariant';
import { TimelineSampler } from './timeline-sampler';
import { PROGRESS_LOG_INTERVAL_MS, WaitLog } from './wait-log';

/** The last reading of the inject marks, taken at heal: bounded, so a probe cut off by the fault cannot stretch the hold. */
const LAST_MARK_READ_TIMEOUT_MS = 1_000;

/** How the test ended, as the fixture sees it in teardown. */
export interface TestEnd {
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  error?: string;
}

/**
 * One failure-mode experiment: steady-state gate, inject, confirm, heal, await recovery,
 * invariants; each phase a step. Hard failures (gate, confirmation, recovery) throw a
 * ChaosOutcomeError at once; lateness and data violations are collected and fail the test when
 * the fixture finishes the experiment, after every checker has run.
 */
export class Experiment {
  private readonly ctx: Required<Pick<ExperimentContext, 'clock' | 'step' | 'log'>> & ExperimentContext;
  private readonly recovery: RecoveryClock;
  private readonly startedAt = new Date().toISOString();
  private readonly abort = new AbortController();
  private readonly sampler: TimelineSampler;
  private readonly steadyProbes = new Map<string, { probe: ProgressProbe<unknown>; last?: { value: unknown } }>();
  /** Per probe, the reading recovery must pass: taken at inject, moved forward until heal. */
  private readonly injectMarks = new Map<string, unknown>();
  private markTracking?: { stop: AbortController; loop: Promise<void> };
  private readonly faults: ActiveFault[] = [];
  private readonly invariants: InvariantResult[] = [];
  private readonly notes: string[] = [];
  private readonly failures: { steadyStateFailure?: string; faultNotApplied?: string; notRecovered?: string } = {};
  private phase: ExperimentPhase = 'created';
  private raised = false;

  constructor(readonly options: ExperimentOptions, context: ExperimentContext) {
    validateExperimentOptions(options);
    this.ctx = {
      ...context,
      clock: context.clock ?? SYSTEM_CLOCK,
      step: context.step ?? ((_title, body) => body()),
      log: context.log ?? ((line) => process.stderr.write(`${line}\n`)),
    };
    this.recovery = new RecoveryClock(this.ctx.clock);
    this.sampler = new TimelineSampler(options.timeline ?? [], this.ctx.clock, this.recovery.startedAtMs, options.sampleIntervalMs);
    this.sampler.start();
  }

  /** Gate: every probe must show progress within the window, or nothing is injected. */
  async steadyState(probes: ProgressProbe<any> | ProgressProbe<any>[], options: SteadyStateGateOptions = {}): Promise<void> {
    const list = Array.isArray(probes) ? probes : [probes];
    if (list.length === 0) throw new Error('run.steadyState needs at least one probe');
    if (this.faults.length > 0) throw new Error('run.steadyState must come before run.inject');
    this.phase = 'steady-state';
    await this.ctx.step(`steady state: ${list.map((p) => p.name).join(', ')}`, async () => {
      for (const probe of list) {
        const wait = this.waitLog(`steady state of ${probe.name}`);
        const result = await checkSteadyState(probe, this.ctx.clock, {
          windowMs: options.windowMs,
          pollIntervalMs: this.options.pollIntervalMs,
          signal: this.abort.signal,
          onPoll: (o) => wait.observe(describeObservation(probe, o)),
        });
        if (!result.healthy) this.fail('STEADY_STATE_FAILED', result.detail);
        wait.done(`healthy (${result.detail})`);
        this.steadyProbes.set(probe.name, { probe, last: result.last });
      }
    });
  }

  /** Registers the fault in the journal, injects it, confirms it took effect, then (by default) heals it. */
  async inject(fault: Fault, options: InjectOptions = {}): Promise<void> {
    const { stack } = this.ctx;
    if (fault.network && !stack.supportsNetworkFaults) {
      this.ctx.skip(`network faults are not supported by this ${stack.target} stack, so "${fault.name}" cannot be applied`);
    }
    if (!stack.services().includes(fault.service)) {
      throw new Error(`run.inject: the stack has no service "${fault.service}" (services: ${stack.services().join(', ')})`);
    }
    const unsupported = fault.unsupported?.(stack);
    if (unsupported) this.ctx.skip(`this ${stack.target} stack cannot take "${fault.name}": ${unsupported}`);
    if (this.steadyProbes.size === 0) throw new Error('run.inject: call run.steadyState(probe) first; a fault is only injected into a healthy stack');
    this.phase = 'inject';
    const active = await this.ctx.step(`inject: ${fault.name}`, async () => {
      const before = await stack.state(fault.service);
      if (!this.recovery.has('inject')) await this.takeInjectMarks();
      const entry = this.ctx.journal.register(fault, this.ctx.title);
      const record: FaultRecord = { name: fault.name, service: fault.service, action: fault.action, ...(fault.parameters ? { parameters: { ...fault.parameters } } : {}), injectedAt: entry.at, confirmed: false };
      const added: ActiveFault & { before: typeof before } = { fault, entry, record, healed: false, before };
      this.faults.push(added);
      this.recovery.mark('inject');
      this.startMarkTracking();
      this.ctx.log(`[k2-chaos] inject: ${fault.name}`);
      try {
        await fault.inject(stack);
      } catch (error) {
        this.fail('FAULT_NOT_APPLIED', `${fault.name} failed: ${errorMessage(error)}`);
      }
      return added;
    });
    this.phase = 'confirm';
    await this.ctx.step(`confirm: ${fault.name}`, async () => {
      const confirmation = await confirmFault(fault, stack, active.before, this.ctx.clock, {
        probe: options.confirm,
        timeoutMs: options.confirmTimeoutMs,
        pollIntervalMs: this.options.pollIntervalMs,
        signal: this.abort.signal,
      });
      if (!confirmation.applied) this.fail('FAULT_NOT_APPLIED', `${fault.name} could not be confirmed: ${confirmation.detail}`);
      active.record.confirmed = true;
      this.ctx.log(`[k2-chaos] confirmed: ${confirmation.detail}`);
    });
    // From here the fault is in place: a failure before recovery counts against recovery.
    this.phase = 'hold';
    if (options.holdMs !== undefined && options.holdMs > 0) {
      await this.ctx.step(`hold ${fault.name} for ${formatMs(options.holdMs)}`, () => this.hold(fault, options.holdMs!));
    }
    if (options.heal !== 'manual') await this.heal();
  }

  /** Heals every fault not yet healed, newest first, and takes the heal mark. */
  async heal(): Promise<void> {
    const pending = this.faults.filter((f) => !f.healed);
    if (pending.length === 0) return;
    this.phase = 'heal';
    await this.ctx.step(`heal: ${pending.map((f) => f.fault.name).join(', ')}`, async () => {
      await this.stopMarkTracking();
      this.recovery.mark('heal');
      const errors = await healActiveFaults(pending, this.ctx.stack, this.ctx.journal, 'experiment', this.ctx.log);
      if (errors.length > 0) this.fail('NOT_RECOVERED', `heal failed: ${errors.join('; ')}`);
    });
  }

  /**
   * Polls until every probe shows progress past its reading at inject (firstProgress) and then
   * `steadyPolls` consecutive healthy polls (steady). Heals first if the spec has not.
   */
  async awaitRecovery(probes: ProgressProbe<any> | ProgressProbe<any>[], options: AwaitRecoveryOptions): Promise<void> {
    const list = Array.isArray(probes) ? probes : [probes];
    if (!this.recovery.has('inject')) throw new Error('run.awaitRecovery: no fault was injected');
    if (!(options?.deadlineMs > 0)) throw new Error(`run.awaitRecovery: deadlineMs must be a positive number, got ${options?.deadlineMs}`);
    for (const probe of list) {
      if (!this.injectMarks.has(probe.name)) {
        throw new Error(`run.awaitRecovery: probe "${probe.name}" has no reading from the moment of inject; pass a probe of that name to run.steadyState first`);
      }
    }
    await this.heal();
    const timeLeftMs = this.ctx.testTimeLeftMs?.();
    if (timeLeftMs !== undefined && timeLeftMs < options.deadlineMs) {
      this.ctx.log(`[k2-chaos] warning: the recovery deadline (${formatMs(options.deadlineMs)}) is past the test timeout (${formatMs(Math.max(0, timeLeftMs))} left); raise it with test.setTimeout`);
    }
    this.phase = 'recovery';
    await this.ctx.step(`await recovery: ${list.map((p) => p.name).join(', ')}`, async () => {
      const deadlineAtMs = this.recovery.startedAtMs + (this.recovery.snapshot().healMs ?? this.recovery.elapsedMs()) + options.deadlineMs;
      const waits = new Map(list.map((probe) => [probe.name, this.waitLog(`recovery of ${probe.name}`)]));
      const result = await awaitProbesRecovery(list, {
        clock: this.ctx.clock,
        marks: this.injectMarks,
        deadlineAtMs,
        deadlineMs: options.deadlineMs,
        pollIntervalMs: options.pollIntervalMs ?? this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
        steadyPolls: options.steadyPolls ?? this.options.steadyPolls ?? DEFAULT_STEADY_POLLS,
        signal: this.abort.signal,
        onPoll: (probe, o) => waits.get(probe.name)!.observe(describeObservation(probe, o)),
      });
      if (result.aborted) throw new Error('the experiment was stopped while awaiting recovery');
      if (result.firstProgressAtMs !== undefined) this.recovery.mark('firstProgress', result.firstProgressAtMs);
      if (result.failure !== undefined) this.fail('NOT_RECOVERED', result.failure);
      this.recovery.mark('steady', result.steadyAtMs);
      const { mttrMs, timeToSteadyMs } = this.recovery.durations();
      for (const wait of waits.values()) wait.done(`recovered, MTTR ${formatMs(mttrMs ?? 0)}, steady ${formatMs(timeToSteadyMs ?? 0)} after heal`);
      if (mttrMs !== undefined && mttrMs > this.options.mttrTargetMs) {
        this.ctx.log(`[k2-chaos] RECOVERED_LATE: MTTR ${formatMs(mttrMs)} over the target of ${formatMs(this.options.mttrTargetMs)}`);
      }
    });
    this.phase = 'recovered';
  }

  /** Runs every checker (one step each); an invalid or unknown result makes the outcome DATA_VIOLATION. */
  async check(...checks: InvariantCheck[]): Promise<InvariantResult[]> {
    this.phase = 'invariants';
    return this.ctx.step('invariants', async () => {
      const results: InvariantResult[] = [];
      for (const [index, check] of checks.entries()) {
        const result = await this.ctx.step(`invariant: ${invariantName(check, index)}`, () => runInvariant(check, index));
        results.push(result);
        this.invariants.push(result);
        this.ctx.log(`[k2-chaos] invariant ${result.name}: ${result.status} (${result.summary})`);
      }
      return results;
    });
  }

  /** A line for the results table's Notes column. */
  note(text: string): void {
    this.notes.push(text);
  }

  /**
   * What the experiment has recorded so far, on its own clock: the recovery marks and the
   * timeline sampled until now. Checks that judge rates or stalls around the fault read it.
   */
  evidence(): { startedAt: string; marks: RecoveryMarks; timeline: TimelineSeries[] } {
    return { startedAt: this.startedAt, marks: this.recovery.snapshot(), timeline: this.sampler.snapshot() };
  }

  /** Stops polling and sampling, heals anything left, decides the outcome and builds the record. */
  async finish(end: TestEnd): Promise<{ record: ChaosRecord; raised: boolean; healErrors: string[] }> {
    this.abort.abort();
    const timeline = await this.sampler.stop();
    const leftovers = this.faults.filter((f) => !f.healed);
    const healErrors =
      leftovers.length === 0
        ? []
        : await this.ctx.step(`heal (teardown): ${leftovers.map((f) => f.fault.name).join(', ')}`, () =>
            healActiveFaults(leftovers, this.ctx.stack, this.ctx.journal, 'teardown', this.ctx.log),
          );
    const testFailed = end.status !== 'passed' && end.status !== 'skipped';
    const failures: Pick<OutcomeEvidence, 'steadyStateFailure' | 'faultNotApplied' | 'notRecovered' | 'interrupted'> = { ...this.failures };
    if (end.status === 'passed' && !this.raised) {
      if (this.faults.length === 0) failures.faultNotApplied = 'the test injected no fault';
      else if (!this.recovery.has('steady')) failures.notRecovered = 'the test ended without awaiting recovery (run.awaitRecovery)';
    }
    if (end.status === 'interrupted') {
      // Whatever the pipeline did, the user stopped the measurement; what matters is the heal.
      const heal = healErrors.length > 0 ? `healing failed: ${healErrors.join('; ')}` : this.faults.length > 0 ? 'every fault healed' : 'no fault was injected';
      failures.interrupted = `the run was stopped ${PHASE_WORDS[this.phase]}; ${heal}`;
    }
    const durations = this.recovery.durations();
    const decision = decideOutcome({
      ...failures,
      mttrTargetMs: this.options.mttrTargetMs,
      mttrMs: durations.mttrMs,
      invariants: this.invariants,
      testFailure: testFailed && !this.raised ? { phase: this.phase, message: compactError(end.error ?? END_WORDS[end.status]) } : undefined,
    });
    const record: ChaosRecord = {
      schemaVersion: 1,
      failureMode: { ...this.options.failureMode },
      title: this.ctx.title,
      target: this.ctx.stack.target,
      manifest: this.ctx.stack.manifest.name,
      outcome: decision.outcome,
      mttrTargetMs: this.options.mttrTargetMs,
      startedAt: this.startedAt,
      marks: this.recovery.snapshot(),
      durations,
      faults: this.faults.map((f) => ({ ...f.record })),
      invariants: [...this.invariants],
      notes: [...this.notes],
      timeline,
    };
    if (decision.reason !== undefined) record.reason = decision.reason;
    return { record, raised: this.raised, healErrors };
  }

  /**
   * While the fault is in place, every successful probe read moves the mark forward: data that
   * was in flight at inject (or drained while a service shut down) must not pass for recovery.
   * Recovery is progress past the last reading before heal.
   */
  private startMarkTracking(): void {
    if (this.markTracking) return;
    const stop = new AbortController();
    const loop = (async () => {
      while (!stop.signal.aborted && !this.abort.signal.aborted) {
        await this.updateMarks(() => !stop.signal.aborted);
        await this.ctx.clock.sleep(this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, stop.signal).catch(() => undefined);
      }
    })();
    this.markTracking = { stop, loop };
  }

  private async stopMarkTracking(): Promise<void> {
    const tracking = this.markTracking;
    if (!tracking) return;
    tracking.stop.abort();
    // The loop is not awaited: under a fault that cuts the probe's store off, its reading hangs
    // until it times out, and waiting for it held the fault that much longer than asked. What it
    // reads after this is dropped; the last reading below is bounded instead.
    void tracking.loop;
    await this.updateMarks(() => true, LAST_MARK_READ_TIMEOUT_MS);
  }

  /** Raises each probe's mark to a fresh reading; `accept` says whether a reading is still wanted when it arrives. */
  private async updateMarks(accept: () => boolean, timeoutMs?: number): Promise<void> {
    for (const [name, { probe }] of this.steadyProbes) {
      const reading = await readProbe(() => probe.read(), this.ctx.clock, timeoutMs);
      if (reading.ok && accept()) this.injectMarks.set(name, reading.value);
    }
  }

  private async takeInjectMarks(): Promise<void> {
    for (const [name, { probe, last }] of this.steadyProbes) {
      const reading = await readProbe(() => probe.read(), this.ctx.clock);
      // A read failing at the very moment of inject falls back to the gate's last good reading.
      if (reading.ok) this.injectMarks.set(name, reading.value);
      else if (last) this.injectMarks.set(name, last.value);
    }
  }

  private async hold(fault: Fault, holdMs: number): Promise<void> {
    const wait = this.waitLog(`end of hold (${fault.name})`);
    const untilMs = this.ctx.clock.now() + holdMs;
    while (!this.abort.signal.aborted && this.ctx.clock.now() < untilMs) {
      wait.observe(`${formatMs(untilMs - this.ctx.clock.now())} to go`);
      await this.ctx.clock.sleep(Math.min(PROGRESS_LOG_INTERVAL_MS, untilMs - this.ctx.clock.now()), this.abort.signal);
    }
  }

  private fail(outcome: Exclude<Outcome, 'PASS'>, reason: string): never {
    if (outcome === 'STEADY_STATE_FAILED') this.failures.steadyStateFailure = reason;
    else if (outcome === 'FAULT_NOT_APPLIED') this.failures.faultNotApplied = reason;
    else if (outcome === 'NOT_RECOVERED') this.failures.notRecovered = reason;
    this.raised = true;
    this.ctx.log(`[k2-chaos] ${outcome}: ${reason}`);
    throw new ChaosOutcomeError(outcome, reason);
  }

  private waitLog(what: string): WaitLog {
    return new WaitLog(what, this.ctx.clock, this.ctx.log, this.ctx.progressLogIntervalMs);
  }
}


const END_WORDS: Record<TestEnd['status'], string> = {
  passed: 'passed',
  failed: 'failed',
  timedOut: 'the test timed out',
  skipped: 'skipped',
  interrupted: 'the run was interrupted',
};
