import type { InvariantCheck } from '../chaos/invariant-check';
import { SYSTEM_CLOCK } from '../chaos/monotonic-clock';
import { readProbe, type ProbeReading } from '../chaos/probe-reading';
import { offsetsNeverRegress, type OffsetsNeverRegressInput } from '../invariants/pipeline/offsets-never-regress';
import { readBrokerOffsets, type BrokerOffsets } from '../probes/pipeline/broker-offsets';
import type { PipelineSource } from '../probes/pipeline/pipeline-source';

const DEFAULT_INTERVAL_MS = 1_000;

/**
 * Reads the raw topics' end offsets and the ClickHouse groups' committed offsets in the
 * background for the whole test, so "offsets never regress" is judged over every reading, the
 * ones taken during the fault included (failed reads are kept and skipped by the checker).
 */
export class OffsetRecorder {
  private readonly readings: Array<ProbeReading<BrokerOffsets>> = [];
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;

  constructor(private readonly source: PipelineSource, private readonly intervalMs = DEFAULT_INTERVAL_MS) {}

  start(): void {
    const tick = () => {
      this.reading = readProbe(() => readBrokerOffsets(this.source), SYSTEM_CLOCK).then((r) => {
        this.readings.push(r);
      });
      void this.reading.finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.reading;
  }

  /** The checker over everything read so far plus one final reading. */
  check(options: Pick<OffsetsNeverRegressInput, 'reReads'> = {}): InvariantCheck {
    return {
      name: 'consumer offsets never regress',
      check: async () => {
        this.readings.push(await readProbe(() => readBrokerOffsets(this.source), SYSTEM_CLOCK));
        return offsetsNeverRegress({ readings: [...this.readings], ...options });
      },
    };
  }
}
