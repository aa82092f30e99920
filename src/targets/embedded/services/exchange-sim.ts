import type { Exchange } from '../../../stack/names';
import { EXCHANGES } from '../../../stack/names';
import { servicePort, type ServiceDefinition } from '../service-definition';
import { httpHealth } from '../health-checks';
import { envInt, k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

/** Trades per second per simulator unless `K2_SIM_RATE` says otherwise. */
export const DEFAULT_SIM_RATE = 20;
/** Symbols per simulator unless `K2_SIM_SYMBOLS` says otherwise. */
export const DEFAULT_SIM_SYMBOLS = 3;

/** Each exchange gets its own seed, so the three feeds never emit the same trades. */
const seedOf = (exchange: Exchange, env: Record<string, string>): number => envInt(env, 'K2_SIM_SEED', 1) * 10 + EXCHANGES.indexOf(exchange);

/** A simulated exchange: WebSocket trade feed, REST gap fill and a control/ground-truth API. */
export function exchangeSimService(name: string, exchange: Exchange): ServiceDefinition {
  return {
    name,
    role: 'exchange',
    dependsOn: [],
    ports: { http: 8080 },
    binaries: [],
    command: (ctx) => ({
      argv: k2ChaosArgv('exchange-sim', ['--exchange', exchange, '--listen', `${ctx.host}:${servicePort(ctx, 'http')}`,
        '--seed', String(seedOf(exchange, ctx.env)),
        '--symbols', String(envInt(ctx.env, 'K2_SIM_SYMBOLS', DEFAULT_SIM_SYMBOLS)),
        '--rate', String(envInt(ctx.env, 'K2_SIM_RATE', DEFAULT_SIM_RATE))]),
    }),
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: 10_000,
  };
}
