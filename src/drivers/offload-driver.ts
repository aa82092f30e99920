import { parsePrometheusText } from '../../services/shared/prometheus';

/** What `GET /status` of the offload worker answers (the fields a spec waits on). */
export interface OffloadStatus {
  state: string;
  phase: string;
  held: boolean;
  failing: boolean;
  currentRun: { id: string; table: string } | null;
}

const REQUEST_TIMEOUT_MS = 5_000;
const POLL_INTERVAL_MS = 100;
/** Offload windows end `lag` before now on a whole-second time column: wait for a new second. */
const RETRIGGER_AFTER_MS = 1_500;

/**
 * Drives the offload worker the way an operator does (`prefect deployment run`): triggers runs,
 * holds one at a phase so a fault lands mid-run, reads its status and alert. It is a control,
 * not a probe: specs use it to set the scene, never to measure recovery.
 */
export class OffloadDriver {
  constructor(private readonly httpUrl: string) {}

  /** Triggers a run of `table` now; with `holdAt`, the run pauses when it reaches that phase. */
  async trigger(table: string, options: { holdAt?: 'uploading' } = {}): Promise<void> {
    const response = await fetch(`${this.httpUrl}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tables: [table], ...(options.holdAt ? { holdAt: options.holdAt } : {}) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (response.status !== 202 && response.status !== 200) {
      throw new Error(`offload trigger of ${table} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    }
  }

  async status(): Promise<OffloadStatus> {
    const response = await fetch(`${this.httpUrl}/status`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`offload status answered ${response.status}`);
    return (await response.json()) as OffloadStatus;
  }

  /** The alert signal: `k2_offload_failing` is 1 while the last run of some table failed. */
  async alertFiring(): Promise<boolean> {
    const response = await fetch(`${this.httpUrl}/metrics`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`offload metrics answered ${response.status}`);
    return parsePrometheusText(await response.text()).get('k2_offload_failing') === 1;
  }

  /**
   * Triggers runs of `table` with a hold at `phase` until one is held there (its data files partly
   * stored, nothing committed), so a kill lands mid-run by the worker's own word, never after a
   * guessed sleep. A run whose window is empty never uploads and ends unheld: wait, trigger again.
   * While a window is encoded the status can stall; failed reads count as "not yet".
   */
  async holdRunAt(table: string, phase: 'uploading', timeoutMs: number): Promise<OffloadStatus> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    let triggered = false;
    while (Date.now() < deadline) {
      try {
        if (!triggered) {
          await this.trigger(table, { holdAt: phase });
          triggered = true;
          await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
          continue;
        }
        const status = await this.status();
        if (status.held && status.phase === phase) return status;
        last = `state ${status.state}, phase ${status.phase}, held ${status.held}`;
        if (status.state === 'idle') {
          // That run found nothing to upload: give the table a moment of new rows.
          await new Promise((resolve) => setTimeout(resolve, RETRIGGER_AFTER_MS));
          triggered = false;
          continue;
        }
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    throw new Error(`no run of ${table} was held at "${phase}" within ${timeoutMs} ms (last: ${last})`);
  }
}
