import type { Outcome } from '../report-model/chaos-record';

/** Fails a test with a message that names the outcome first ("NOT_RECOVERED: ..."). */
export class ChaosOutcomeError extends Error {
  constructor(
    readonly outcome: Exclude<Outcome, 'PASS'>,
    readonly reason: string,
  ) {
    super(`${outcome}: ${reason}`);
    this.name = 'ChaosOutcomeError';
  }
}
