/** A log file damaged somewhere other than its torn tail; the broker refuses to start on it. */
export class CorruptLogError extends Error {
  override name = 'CorruptLogError';

  constructor(readonly file: string, readonly position: number, reason: string) {
    super(`corrupt log ${file} at byte ${position}: ${reason}`);
  }
}
