import type { PostgresQueries } from '../probes/offload/postgres-queries';
import type { StackManifest } from '../manifest/manifest';
import { readWatermarks, type WatermarkRow } from '../probes/offload/watermark-probe';

const DEFAULT_INTERVAL_MS = 500;

/**
 * Reads the watermark table in the background for the whole test, so that offload checks judge
 * every position the watermark took, not only where it ended: by check time the next scheduled
 * run may have moved a watermark that a failed run had moved first. A failed read is skipped
 * (the catalog may be the thing that is down); a move shorter than the interval can be missed.
 */
export class WatermarkRecorder {
  private readonly readings: WatermarkRow[][] = [];
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;

  constructor(
    private readonly postgres: PostgresQueries,
    private readonly manifest: StackManifest,
    first: WatermarkRow[],
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
  ) {
    this.readings.push(first);
  }

  start(): void {
    const tick = () => {
      this.reading = readWatermarks(this.postgres, this.manifest).then(
        (rows) => void this.readings.push(rows),
        () => undefined,
      );
      void this.reading.finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.reading;
  }

  /** Every reading so far, oldest first, plus one taken now. */
  async history(): Promise<WatermarkRow[][]> {
    await this.reading;
    this.readings.push(await readWatermarks(this.postgres, this.manifest));
    return [...this.readings];
  }
}
