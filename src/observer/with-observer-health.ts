import type { ProgressProbe } from '../chaos/progress-probe';
import type { ExchangeObservers } from './exchange-observers';

/**
 * A probe whose readings also fail while an observer is unhealthy, naming the exchange: a steady
 * state is then never declared on a ledger that cannot be read (STEADY_STATE_FAILED, nothing
 * injected), and recovery is not declared while the ground truth is blind.
 */
export function withObserverHealth<T>(probe: ProgressProbe<T>, observers: Pick<ExchangeObservers, 'unhealthy'> | undefined): ProgressProbe<T> {
  if (!observers) return probe;
  return {
    ...probe,
    read: async () => {
      const unhealthy = observers.unhealthy();
      if (unhealthy) throw new Error(`ground truth unavailable: ${unhealthy}`);
      return probe.read();
    },
  };
}
