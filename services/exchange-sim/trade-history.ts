import { EmissionLog } from './emission-log';
import { TradeModel, type SimTrade } from './trade-model';

/** A trade with the time the simulator emitted it, which is also its exchange time. */
export interface TimedTrade extends SimTrade {
  timeMs: number;
}

/** Most trades one history call hands out, so a bad query cannot build a huge response. */
const MAX_RANGE = 10_000;

/**
 * Every trade a simulator has emitted, regenerated on demand: trade fields from the seeded model,
 * times from the emission log.
 */
export class TradeHistory {
  readonly log: EmissionLog;
  private readonly models: TradeModel[];
  private readonly index = new Map<string, number>();

  constructor(readonly seed: number, readonly symbols: string[], bases: string[]) {
    this.log = new EmissionLog(symbols.length);
    this.models = symbols.map((symbol, i) => new TradeModel(seed, symbol, bases[i]!));
    symbols.forEach((symbol, i) => this.index.set(symbol, i));
  }

  indexOf(symbol: string): number | undefined {
    return this.index.get(symbol);
  }

  lastId(symbolIndex: number): number {
    return this.log.lastId(symbolIndex);
  }

  /** Trades `fromId..toId` of symbol i that have been emitted, oldest first, at most 10,000. */
  range(symbolIndex: number, fromId: number, toId: number): TimedTrade[] {
    const first = Math.max(1, Math.floor(fromId));
    const last = Math.min(this.lastId(symbolIndex), Math.floor(toId), first + MAX_RANGE - 1);
    const out: TimedTrade[] = [];
    if (last < first) return out;
    for (let id = first; id <= last; id++) {
      out.push({ ...this.models[symbolIndex]!.trade(id), timeMs: this.log.emittedAtMs(symbolIndex, id)! });
    }
    return out;
  }

  /** The pure trade fields of any id, emitted or not (for determinism checks). */
  model(symbolIndex: number, id: number): SimTrade {
    return this.models[symbolIndex]!.trade(id);
  }
}
