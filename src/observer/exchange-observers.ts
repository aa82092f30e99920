import type { StackManifest } from '../manifest/manifest';
import type { ExchangeGroundTruth, GroundTruthReader } from '../probes/pipeline/simulator-emitted';
import { EXCHANGES, type Exchange } from '../stack/names';
import type { StackEndpoints } from '../targets/endpoints';
import { DEFAULT_SIM_SYMBOLS, simSymbols } from '../../services/exchange-sim/urls';
import { ExchangeObserver, type ObserverHealth } from './exchange-observer';

const GROUND_TRUTHS = ['simulator', 'observer'] as const;
export type GroundTruthKind = (typeof GROUND_TRUTHS)[number];

/** `K2_GROUND_TRUTH`, else the manifest's `groundTruth`, else `simulator`; a bad value names itself. */
export function groundTruthKind(manifest: StackManifest, env: NodeJS.ProcessEnv = process.env): GroundTruthKind {
  const chosen = env.K2_GROUND_TRUTH || manifest.groundTruth || 'simulator';
  if (!(GROUND_TRUTHS as readonly string[]).includes(chosen)) throw new Error(`K2_GROUND_TRUTH must be one of ${GROUND_TRUTHS.join(', ')}, got "${chosen}"`);
  return chosen as GroundTruthKind;
}

/**
 * The observer's symbols: the manifest's `exchangeSymbols` (some of a live feed's), else every
 * symbol the simulators trade (`K2_SIM_SYMBOLS` of them, the count they were started with).
 */
export function observedSymbols(manifest: StackManifest, env: NodeJS.ProcessEnv = process.env): { symbols: Record<Exchange, string[]>; everySymbol: boolean } {
  if (manifest.exchangeSymbols) return { symbols: manifest.exchangeSymbols, everySymbol: false };
  const count = Number(env.K2_SIM_SYMBOLS || DEFAULT_SIM_SYMBOLS);
  if (!Number.isInteger(count) || count <= 0) throw new Error(`K2_SIM_SYMBOLS must be a positive integer, got "${env.K2_SIM_SYMBOLS}"`);
  return { symbols: Object.fromEntries(EXCHANGES.map((e) => [e, simSymbols(e, count)])) as Record<Exchange, string[]>, everySymbol: true };
}

/** One observer per exchange, read as the ledger's ground truth. */
export class ExchangeObservers implements GroundTruthReader {
  private constructor(private readonly observers: Map<Exchange, ExchangeObserver>, private readonly everySymbol: boolean) {}

  /** Subscribes to every exchange's public feed at the stack's exchange endpoints. */
  static start(endpoints: StackEndpoints, manifest: StackManifest, env: NodeJS.ProcessEnv = process.env): ExchangeObservers {
    const { symbols, everySymbol } = observedSymbols(manifest, env);
    const observers = new Map<Exchange, ExchangeObserver>();
    for (const exchange of EXCHANGES) {
      const { wsUrl, restUrl } = endpoints.exchanges[exchange];
      if (!wsUrl || !restUrl) throw new Error(`the observer needs ${exchange}'s public WebSocket and REST URLs; the manifest gives none (exchanges.${exchange} or liveExchanges.${exchange})`);
      observers.set(exchange, new ExchangeObserver({ exchange, wsUrl, restUrl, symbols: symbols[exchange] }).start());
    }
    return new ExchangeObservers(observers, everySymbol);
  }

  private get(exchange: Exchange): ExchangeObserver {
    const observer = this.observers.get(exchange);
    if (!observer) throw new Error(`no observer for ${exchange}`);
    return observer;
  }

  async read(exchange: Exchange, window: { fromMs: number; toMs: number }): Promise<ExchangeGroundTruth> {
    const observer = this.get(exchange);
    const symbols: ExchangeGroundTruth['symbols'] = {};
    const unknown: Record<string, string> = {};
    for (const [symbol, answer] of Object.entries(observer.window(window.fromMs, window.toMs))) {
      if ('ids' in answer) symbols[symbol] = answer.ids;
      else unknown[symbol] = answer.unknown;
    }
    return { ...window, symbols, lastIds: observer.lastIds(), ...(Object.keys(unknown).length ? { unknown } : {}), coversEverySymbol: this.everySymbol };
  }

  async lastIds(exchange: Exchange): Promise<Record<string, number>> {
    return this.get(exchange).lastIds();
  }

  health(): ObserverHealth[] {
    return [...this.observers.values()].map((o) => o.health());
  }

  /** The first unhealthy observer's exchange and reason, or undefined when all are healthy. */
  unhealthy(): string | undefined {
    const bad = this.health().find((h) => !h.healthy);
    return bad ? `the ${bad.exchange} observer: ${bad.reason}` : undefined;
  }

  /**
   * Waits until every observer is healthy (connected, a trade seen for each symbol), so that a
   * ledger window opened afterwards starts after the first trade each one saw. Resolves false
   * when `timeoutMs` passes first; the probes then report why.
   */
  async warmUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.unhealthy()) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return true;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.observers.values()].map((o) => o.stop()));
  }
}
