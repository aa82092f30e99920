import type { Exchange } from '../../../stack/names';
import { EXCHANGES } from '../../../stack/names';
import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceDefinition } from '../service-definition';
import { httpHealth } from '../health-checks';
import { DEFAULT_SIM_SYMBOLS } from '../../../../services/exchange-sim/urls';
import { envInt, envNumber, k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

/** Trades per second per symbol unless `K2_SIM_RATE` says otherwise. */
export const DEFAULT_SIM_RATE = 50;

/** Symbols per simulator: `K2_SIM_SYMBOLS`, else the simulator's default. */
export const simSymbolCount = (env: Record<string, string>): number => envInt(env, 'K2_SIM_SYMBOLS', DEFAULT_SIM_SYMBOLS);

/** Each exchange gets its own seed (from `K2_SIM_SEED`), so the three feeds never emit the same trades. */
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
        '--symbols', String(simSymbolCount(ctx.env)),
        '--rate', String(envNumber(ctx.env, 'K2_SIM_RATE', DEFAULT_SIM_RATE)),
        // The observer as the only ground truth: the simulator shows no more than an exchange would.
        ...(ctx.env.K2_GROUND_TRUTH === 'observer' ? ['--public-only'] : [])]),
    }),
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
