import type { FaultJournal } from '../chaos/fault-journal';
import type { MonotonicClock } from '../chaos/monotonic-clock';
import { errorMessage } from '../chaos/probe-reading';
import type { StartedStack } from '../targets/started-stack';

/** A service that exited with no fault on it, and what the restart policy did about it. */
export interface UnplannedExit {
  service: string;
  /** When the policy first found it not running, in ms since the campaign started. */
  noticedAtMs: number;
  restartedAtMs?: number;
  /** Why starting it again failed; the policy tries again after its delay. */
  error?: string;
}

/** How often every service's state is read. */
const POLL_MS = 1_000;
/** Restart delays double from the first up to the last, as Docker's do. */
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
/** A service up this long after a restart has recovered: its next exit waits the first delay again. */
const RESET_AFTER_UP_MS = 10_000;

/** The wait before restarting a service that already needed `consecutive` restarts in a row. */
export function restartDelayMs(consecutive: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(consecutive, 16));
}

interface ServiceTrack {
  consecutive: number;
  upSinceMs?: number;
  /** The exit not yet answered by a successful start, and when the policy last tried one. */
  open?: UnplannedExit;
  triedAtMs?: number;
}

/**
 * Compose's `restart: unless-stopped` for a stack that has none (embedded): a service found not
 * running while no fault of the journal is pending on it exited on its own (a crash, the OOM
 * killer), and is started again after a doubling delay. A fault that stops or kills a service
 * holds it down through its journal entry, as `docker stop` holds a container down. Each exit is
 * recorded, so the campaign reports the crash instead of a recovery that never came.
 */
export class RestartExitedServices {
  private readonly exitsSeen: UnplannedExit[] = [];
  private readonly tracks = new Map<string, ServiceTrack>();
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;

  constructor(private readonly opts: {
    stack: StartedStack;
    journal: FaultJournal;
    clock: MonotonicClock;
    /** The campaign's start on `clock`: exit times are measured from it. */
    startMs: number;
    log(line: string): void;
    pollMs?: number;
  }) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** The exits seen so far, oldest first. */
  exits(): UnplannedExit[] {
    return this.exitsSeen.map((e) => ({ ...e }));
  }

  async stop(): Promise<UnplannedExit[]> {
    this.stopping.abort();
    await this.loop;
    return this.exits();
  }

  private async run(): Promise<void> {
    const { clock } = this.opts;
    while (!this.stopping.signal.aborted) {
      for (const service of this.opts.stack.services()) {
        if (this.stopping.signal.aborted) return;
        await this.look(service);
      }
      await clock.sleep(this.opts.pollMs ?? POLL_MS, this.stopping.signal);
    }
  }

  private async look(service: string): Promise<void> {
    const { stack, journal, clock, startMs, log } = this.opts;
    const state = await stack.state(service).catch(() => undefined);
    if (!state) return;
    const track = this.tracks.get(service) ?? { consecutive: 0 };
    this.tracks.set(service, track);
    const nowMs = clock.now() - startMs;
    if (state.running) {
      track.upSinceMs ??= nowMs;
      if (nowMs - track.upSinceMs >= RESET_AFTER_UP_MS) track.consecutive = 0;
      return;
    }
    track.upSinceMs = undefined;
    // Read after the state: a fault registered since then is pending by now and keeps its hold.
    if (journal.pending((entry) => entry.service === service).length > 0) {
      track.open = undefined;
      track.triedAtMs = undefined;
      return;
    }
    // A fault's heal (a kill's start) may have finished between the two reads: the journal marks
    // it healed only once the service is back, so a second look tells that from an exit.
    if (!track.open && (await stack.state(service).catch(() => undefined))?.running) return;
    if (!track.open) {
      track.open = { service, noticedAtMs: nowMs };
      this.exitsSeen.push(track.open);
      log(`[k2-chaos] ${service} exited on its own at ${(nowMs / 1000).toFixed(1)} s (no fault on it); restarting it in ${restartDelayMs(track.consecutive) / 1000} s`);
    }
    if (nowMs - (track.triedAtMs ?? track.open.noticedAtMs) < restartDelayMs(track.consecutive)) return;
    const exit = track.open;
    track.consecutive += 1;
    track.triedAtMs = nowMs;
    try {
      await stack.start(service);
      exit.restartedAtMs = clock.now() - startMs;
      exit.error = undefined;
      track.open = undefined;
      track.triedAtMs = undefined;
      log(`[k2-chaos] restarted ${service}, which had exited on its own`);
    } catch (error) {
      exit.error = errorMessage(error);
      log(`[k2-chaos] restarting ${service} failed, trying again in ${restartDelayMs(track.consecutive) / 1000} s: ${exit.error}`);
    }
  }
}
