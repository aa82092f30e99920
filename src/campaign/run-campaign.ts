import { setMaxListeners } from 'node:events';
import { confirmFault } from '../chaos/confirm-fault';
import type { FaultJournal } from '../chaos/fault-journal';
import { SYSTEM_CLOCK, type MonotonicClock } from '../chaos/monotonic-clock';
import { errorMessage, readProbe } from '../chaos/probe-reading';
import type { ProgressProbe } from '../chaos/progress-probe';
import type { StartedStack } from '../targets/started-stack';
import { campaignFault } from './campaign-faults';
import type { CampaignSchedule, ScheduledFault } from './campaign-schedule';

/** How often recovery after a heal is polled, and how long it may take before it counts as not recovered. */
const RECOVERY_POLL_MS = 500;
const RECOVERY_LIMIT_MS = 5 * 60_000;

/** What happened to one scheduled fault; times in ms since the campaign started. */
export interface CampaignFaultRun extends ScheduledFault {
  service: string;
  name: string;
  injectedAtMs?: number;
  confirmed: boolean;
  detail: string;
  healedAtMs?: number;
  /** The first caught-up reading after the heal. */
  recoveredAtMs?: number;
  /** Heal to recovered; undefined when it never recovered (within 5 min) or was never healed. */
  mttrMs?: number;
  /**
   * Services that were not running when its 5 min ran out: a service that died on its own (not
   * by a fault) stays down on embedded, where nothing restarts it, and holds every recovery up.
   */
  notRunningAtLimit?: string[];
  error?: string;
}

export interface CampaignContext {
  stack: StartedStack;
  journal: FaultJournal;
  schedule: CampaignSchedule;
  /** Recorded with each fault in the journal. */
  title: string;
  /** Caught up: its `healthy` is the condition (silver advancing with the lag bound). */
  caughtUp: ProgressProbe<unknown>;
  /** Wraps one fault's life (a Playwright step in the spec). */
  step<T>(title: string, body: () => Promise<T>): Promise<T>;
  log(line: string): void;
  clock?: MonotonicClock;
  /** Aborting stops injecting; faults in place are healed at once. */
  signal?: AbortSignal;
}

/**
 * Runs the schedule: each fault is journalled, injected at its time, confirmed, held, and healed
 * (always, also when the run is aborted or the inject failed), then recovery is polled. Faults
 * overlap as scheduled. Resolves with every fault's run once all are healed and settled.
 */
export async function runCampaign(ctx: CampaignContext): Promise<CampaignFaultRun[]> {
  const clock = ctx.clock ?? SYSTEM_CLOCK;
  const startMs = clock.now();
  const since = () => clock.now() - startMs;
  const untilAt = (atMs: number) => clock.sleep(Math.max(0, atMs - since()), ctx.signal);
  // Every fault waits for its instant on the one stop signal at once: a listener each, not a leak.
  if (ctx.signal) setMaxListeners(ctx.schedule.faults.length + 16, ctx.signal);
  return Promise.all(ctx.schedule.faults.map(async (planned): Promise<CampaignFaultRun> => {
    const { fault, instant } = campaignFault(ctx.stack.manifest, planned.kind, planned.role, planned.holdMs);
    const run: CampaignFaultRun = { ...planned, service: fault.service, name: fault.name, confirmed: false, detail: 'not injected' };
    await untilAt(planned.atMs);
    if (ctx.signal?.aborted) return { ...run, detail: 'not injected: the campaign was stopped' };
    const window = `${(planned.atMs / 1000).toFixed(1)}s..${((planned.atMs + planned.holdMs) / 1000).toFixed(1)}s`;
    return ctx.step(`#${planned.index} ${fault.name} (${window})`, async () => {
      const entry = ctx.journal.register(fault, ctx.title);
      try {
        const before = await ctx.stack.state(fault.service);
        run.injectedAtMs = since();
        ctx.log(`[k2-chaos] campaign #${planned.index} inject: ${fault.name}`);
        await fault.inject(ctx.stack);
        const confirmation = await confirmFault(fault, ctx.stack, before, clock, { signal: ctx.signal });
        run.confirmed = confirmation.applied;
        run.detail = confirmation.detail;
        if (!instant) await untilAt(planned.atMs + planned.holdMs);
      } catch (error) {
        run.error = `inject failed: ${errorMessage(error)}`;
      } finally {
        try {
          await fault.heal(ctx.stack);
          ctx.journal.recordHeal(entry.id, 'experiment');
          run.healedAtMs = since();
          ctx.log(`[k2-chaos] campaign #${planned.index} healed: ${fault.name}`);
        } catch (error) {
          ctx.journal.recordHeal(entry.id, 'experiment', errorMessage(error));
          run.error = [run.error, `heal failed: ${errorMessage(error)}`].filter(Boolean).join('; ');
        }
      }
      if (run.healedAtMs !== undefined) await awaitRecovery(ctx, clock, since, run);
      // An instant fault still keeps its role to itself for the scheduled hold.
      if (instant) await untilAt(planned.atMs + planned.holdMs);
      return run;
    });
  }));
}

async function awaitRecovery(ctx: CampaignContext, clock: MonotonicClock, since: () => number, run: CampaignFaultRun): Promise<void> {
  const limit = run.healedAtMs! + RECOVERY_LIMIT_MS;
  while (since() < limit && !ctx.signal?.aborted) {
    const reading = await readProbe(() => ctx.caughtUp.read(), clock);
    if (reading.ok && (ctx.caughtUp.healthy?.(reading.value) ?? true)) {
      run.recoveredAtMs = since();
      run.mttrMs = run.recoveredAtMs - run.healedAtMs!;
      return;
    }
    await clock.sleep(RECOVERY_POLL_MS, ctx.signal);
  }
  if (!ctx.signal?.aborted) run.notRunningAtLimit = await servicesNotRunning(ctx.stack);
}

/** Services whose process is gone; one whose state cannot be read is left out. */
async function servicesNotRunning(stack: StartedStack): Promise<string[]> {
  const states = await Promise.all(stack.services().map(async (service) => ({ service, state: await stack.state(service).catch(() => undefined) })));
  return states.filter(({ state }) => state && !state.running).map(({ service }) => service);
}
