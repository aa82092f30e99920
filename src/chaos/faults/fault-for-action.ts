import type { Fault, FaultAction } from '../fault';
import { disconnect } from './disconnect';
import { oneWayHeal } from './one-way-partition';
import { dropExchangeConnections } from './drop-exchange-connections';
import { fillDisk } from './fill-disk';
import { flapLink } from './flap-link';
import { degradeLink } from './degrade-link';
import { kill } from './kill';
import { malformedBurst } from './malformed-burst';
import { pause } from './pause';
import { readOnlyDisk } from './read-only-disk';
import { restart } from './restart';
import { restOutage } from './rest-outage';
import { skipLiveTrades } from './skip-live-trades';
import { stallExchange } from './stall-exchange';
import { stop } from './stop';

const BY_ACTION: Record<FaultAction, (service: string) => Fault> = {
  restart,
  stop,
  kill,
  pause,
  disconnect,
  'drop-replies': oneWayHeal('drop-replies'),
  'cut-off': oneWayHeal('cut-off'),
  // The heal lets connections in again whatever the refusal was.
  'drop-connections': (service) => dropExchangeConnections(service, { refuseMs: 0 }),
  // A burst is over once sent: its heal does nothing.
  'malformed-burst': (service) => malformedBurst(service, { count: 0 }),
  // The heal restores the link whatever degradation was applied.
  'degrade-link': (service) => degradeLink(service, { lossPercent: 1 }),
  // A hung session never comes back: nothing to heal.
  'stall-connections': stallExchange,
  // The heal cancels what is left of the skip, and brings REST back, whatever was asked.
  'skip-trades': (service) => skipLiveTrades(service, { perSymbol: 0 }),
  'rest-outage': (service) => restOutage(service, { durationMs: 1 }),
  // From the journal there is no flapping loop left to stop: the heal reconnects.
  'flap-link': (service) => flapLink(service, { downMs: 1_000 }),
  'fill-disk': fillDisk,
  'read-only-disk': readOnlyDisk,
};

/** Rebuilds a fault from its journal entry, so another process can heal it. */
export function faultForAction(action: string, service: string): Fault {
  const make = BY_ACTION[action as FaultAction];
  if (!make) throw new Error(`unknown fault action "${action}" for service ${service}; expected one of ${Object.keys(BY_ACTION).join(', ')}`);
  return make(service);
}
