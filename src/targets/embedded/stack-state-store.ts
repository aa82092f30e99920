import { readStackState, writeStackState, type EmbeddedStackState, type ServiceStateRecord } from './stack-state';

/**
 * The state file as one process sees it. Reads pick up what other processes changed (a restart
 * there means a new pid here); writes change one service's record on top of the latest file,
 * one at a time, so concurrent operations on different services keep each other's changes.
 */
export class StackStateStore {
  private state: EmbeddedStackState;
  private writes: Promise<void> = Promise.resolve();

  constructor(initial: EmbeddedStackState) {
    this.state = initial;
  }

  get current(): EmbeddedStackState {
    return this.state;
  }

  /** Re-reads the file; a missing file means the stack was taken down. */
  refresh(): Promise<EmbeddedStackState> {
    return this.queue(() => this.read());
  }

  /** Re-reads the file, or resolves undefined when there is none (down is idempotent). */
  refreshIfPresent(): Promise<EmbeddedStackState | undefined> {
    return this.queue(async () => {
      const latest = await readStackState(this.state.runDir);
      if (latest) this.state = latest;
      return latest;
    });
  }

  updateRecord(service: string, change: (record: ServiceStateRecord) => void): Promise<void> {
    return this.queue(async () => {
      const latest = await this.read();
      const record = latest.services[service];
      if (!record) throw new Error(`stack ${latest.stackId} has no record of service "${service}"`);
      change(record);
      await writeStackState(latest);
    });
  }

  /**
   * Reads and writes take turns: a read that overlapped a write could otherwise put back the
   * file as it was before the write, and a service started at that moment would lose its link
   * record and be spawned outside its namespace.
   */
  private queue<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.writes.catch(() => undefined).then(operation);
    this.writes = next.then(() => undefined, () => undefined);
    return next;
  }

  private async read(): Promise<EmbeddedStackState> {
    const latest = await readStackState(this.state.runDir);
    if (!latest) throw new Error(`stack ${this.state.stackId} is down: ${this.state.runDir} holds no state file`);
    this.state = latest;
    return latest;
  }
}
