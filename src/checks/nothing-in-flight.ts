import type { AckedTradeIds } from '../probes/feed-handler/acked-trade-ids';
import type { BrokerOffsets } from '../probes/pipeline/broker-offsets';
import type { ExchangeGroundTruth } from '../probes/pipeline/simulator-emitted';
import type { Exchange } from '../stack/names';

/**
 * The proof that a ledger check need not wait longer for trades that are missing: nothing the
 * window emitted is still on its way. It comes in two readings, in this order:
 * 1. every feed handler has had a trade at or past the window's last id acknowledged by the
 *    broker, for every symbol. A handler produces each symbol's trades in id order, filling gaps
 *    through REST before it goes on, one produce request at a time; so a trade of the window it
 *    has not delivered by then it never will;
 * 2. ClickHouse's consumer groups have then committed past the end offsets read just after (1).
 *    Bronze and silver are written before the commit, so whatever the broker holds of the window
 *    has reached both.
 * A missing reading proves nothing: the check then waits its whole window, as before.
 */
export type InFlightVerdict = { settled: true } | { settled: false; reason: string };

/** Reading 1: every handler has acknowledged up to the window's last id, for every symbol the window holds. */
export function handlersAckedPastWindow(truth: Partial<Record<Exchange, ExchangeGroundTruth>>, acked: AckedTradeIds): InFlightVerdict {
  for (const [exchange, window] of Object.entries(truth) as Array<[Exchange, ExchangeGroundTruth]>) {
    for (const [symbol, emitted] of Object.entries(window.symbols)) {
      if (emitted.lastId === null) continue;
      const at = acked[exchange]?.[symbol];
      if (at === undefined) return { settled: false, reason: `${exchange}/${symbol}: its feed handler reports no acknowledged trade` };
      if (at < emitted.lastId) return { settled: false, reason: `${exchange}/${symbol}: acknowledged up to id ${at}, the window ends at ${emitted.lastId}` };
    }
  }
  return { settled: true };
}

/** Reading 2: every consumer group has committed, on every partition, at or past the end offsets of `mark`. */
export function consumersReadPast(mark: Partial<BrokerOffsets>, now: Partial<BrokerOffsets>, exchanges: readonly Exchange[]): InFlightVerdict {
  for (const exchange of exchanges) {
    const before = mark[exchange];
    const after = now[exchange];
    if (!before || !after) return { settled: false, reason: `${exchange}: no offsets read` };
    for (const { partition, low, high } of before.partitions) {
      const committed = after.partitions.find((p) => p.partition === partition)?.committed ?? -1;
      // A group commits nothing on a partition it never read (no symbol hashes there): it is at the log's start.
      const at = committed >= 0 ? committed : low;
      if (at < high) return { settled: false, reason: `${after.group} on ${after.topic}/${partition}: committed ${committed}, the end was ${high}` };
    }
  }
  return { settled: true };
}
