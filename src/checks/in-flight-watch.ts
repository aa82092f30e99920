import type { AckedTradeIds } from '../probes/feed-handler/acked-trade-ids';
import type { BrokerOffsets } from '../probes/pipeline/broker-offsets';
import type { ExchangeGroundTruth } from '../probes/pipeline/simulator-emitted';
import type { Exchange } from '../stack/names';
import { consumersReadPast, handlersAckedPastWindow } from './nothing-in-flight';

/** What the watch reads; both only read. */
export interface InFlightReaders {
  ackedIds(): Promise<AckedTradeIds>;
  offsets(): Promise<Partial<BrokerOffsets>>;
}

/**
 * Steps through the two readings of `nothing-in-flight.ts` while a ledger check polls. `settled`
 * turns true only after both held, in order; a ledger read after that is final. A reading that
 * fails leaves the watch where it was.
 */
export class InFlightWatch {
  private mark: Partial<BrokerOffsets> | undefined;
  settled = false;
  /** Why the watch is not settled yet, for the check's summary. */
  waitingFor = 'no reading yet';

  constructor(private readonly truth: Partial<Record<Exchange, ExchangeGroundTruth>>, private readonly readers: InFlightReaders) {}

  async step(): Promise<void> {
    if (this.settled) return;
    try {
      if (!this.mark) {
        const acked = handlersAckedPastWindow(this.truth, await this.readers.ackedIds());
        if (!acked.settled) {
          this.waitingFor = acked.reason;
          return;
        }
        this.mark = await this.readers.offsets();
        this.waitingFor = 'ClickHouse to read the topics to their end';
        return;
      }
      const read = consumersReadPast(this.mark, await this.readers.offsets(), Object.keys(this.truth) as Exchange[]);
      if (read.settled) this.settled = true;
      else this.waitingFor = read.reason;
    } catch (error) {
      this.waitingFor = `a reading failed: ${(error as Error).message}`;
    }
  }
}
