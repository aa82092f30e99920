/**
 * Fetch long polls waiting for data: a fetch parks here with the partitions it reads, and an
 * append to any of them wakes it to read again.
 */
export class DataWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  /** Resolves on an append to one of `keys`, after `timeoutMs`, or on `close()`. */
  wait(keys: string[], timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        for (const key of keys) this.waiting.get(key)?.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      for (const key of keys) {
        let set = this.waiting.get(key);
        if (!set) this.waiting.set(key, (set = new Set()));
        set.add(wake);
      }
    });
  }

  notify(key: string): void {
    const set = this.waiting.get(key);
    if (!set || set.size === 0) return;
    for (const wake of [...set]) wake();
  }

  close(): void {
    for (const set of this.waiting.values()) for (const wake of [...set]) wake();
  }
}
