/** Per symbol: the ids emitted in a time window. `count` 0 leaves the ids null. */
export interface EmittedRange {
  firstId: number | null;
  lastId: number | null;
  count: number;
}

const INITIAL_CAPACITY = 4_096;

/**
 * The ground truth of what a simulator emitted, kept compactly: one checkpoint per send tick
 * (its time and each symbol's last id). Ids are sequential per symbol, so the emission time of any
 * id and the ids of any window follow by binary search.
 */
export class EmissionLog {
  private times = new Float64Array(INITIAL_CAPACITY);
  private lastIds: Float64Array;
  private size = 0;

  constructor(private readonly symbolCount: number) {
    this.lastIds = new Float64Array(INITIAL_CAPACITY * symbolCount);
  }

  get checkpoints(): number {
    return this.size;
  }

  /** Records a tick at `timeMs` after which symbol i's last emitted id is `lastIds[i]` (0: none yet). */
  record(timeMs: number, lastIds: ArrayLike<number>): void {
    if (this.size > 0 && timeMs < this.times[this.size - 1]!) throw new Error('emission times must not go backwards');
    if (this.size === this.times.length) this.grow();
    this.times[this.size] = timeMs;
    this.lastIds.set(lastIds, this.size * this.symbolCount);
    this.size++;
  }

  /** Last id emitted for symbol i so far (0 when none). */
  lastId(symbolIndex: number): number {
    return this.size === 0 ? 0 : this.idAt(this.size - 1, symbolIndex);
  }

  /** When id `id` of symbol i was emitted, or undefined if it has not been yet. */
  emittedAtMs(symbolIndex: number, id: number): number | undefined {
    if (!Number.isInteger(id) || id < 1 || id > this.lastId(symbolIndex)) return undefined;
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.idAt(mid, symbolIndex) >= id) hi = mid;
      else lo = mid + 1;
    }
    return this.times[lo];
  }

  /** Ids of symbol i whose emission time falls in [fromMs, toMs]. */
  emitted(symbolIndex: number, fromMs: number, toMs: number): EmittedRange {
    const first = this.firstCheckpointAtOrAfter(fromMs);
    const last = this.firstCheckpointAtOrAfter(toMs + 1) - 1;
    const before = first === 0 ? 0 : this.idAt(first - 1, symbolIndex);
    const upTo = last < first ? before : this.idAt(last, symbolIndex);
    const count = upTo - before;
    return count > 0 ? { firstId: before + 1, lastId: upTo, count } : { firstId: null, lastId: null, count: 0 };
  }

  /** Ids of symbol i emitted at or after `fromMs` (used by REST time queries): [firstId, lastId]. */
  idsFrom(symbolIndex: number, fromMs: number): { firstId: number; lastId: number } {
    const first = this.firstCheckpointAtOrAfter(fromMs);
    return { firstId: (first === 0 ? 0 : this.idAt(first - 1, symbolIndex)) + 1, lastId: this.lastId(symbolIndex) };
  }

  private idAt(checkpoint: number, symbolIndex: number): number {
    return this.lastIds[checkpoint * this.symbolCount + symbolIndex]!;
  }

  private firstCheckpointAtOrAfter(timeMs: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! >= timeMs) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    const ids = new Float64Array(this.lastIds.length * 2);
    ids.set(this.lastIds);
    this.times = times;
    this.lastIds = ids;
  }
}
