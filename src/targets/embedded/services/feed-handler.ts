import { join } from 'node:path';
import type { Exchange } from '../../../stack/names';
import { exchangeUrls, simSymbols } from '../../../../services/exchange-sim/urls';
import { simSymbolCount } from './exchange-sim';
import { topicPartitions } from './broker';
import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceDefinition } from '../service-definition';
import { httpHealth } from '../health-checks';
import { k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

/** A feed handler: one exchange's WebSocket feed into its raw topic on the broker. */
export function feedHandlerService(name: string, exchange: Exchange, broker: string, exchangeService: string): ServiceDefinition {
  return {
    name,
    role: 'feedHandler',
    dependsOn: [broker, exchangeService],
    ports: { http: 9400 },
    binaries: [],
    command: (ctx) => {
      const sim = ctx.peer(exchangeService);
      const urls = exchangeUrls(exchange, sim.host, servicePort({ name: exchangeService, ports: sim.ports }, 'http'));
      const kafka = ctx.peer(broker);
      return {
        argv: k2ChaosArgv('feed-handler', ['--exchange', exchange, '--ws', urls.wsUrl, '--rest', urls.restUrl,
          '--brokers', `${kafka.host}:${servicePort({ name: broker, ports: kafka.ports }, 'kafka')}`,
          '--symbols', simSymbols(exchange, simSymbolCount(ctx.env)).join(','),
          '--partitions', String(topicPartitions(ctx.env)), '--data-dir', join(ctx.dataDir, 'data'), '--http', `${ctx.host}:${servicePort(ctx, 'http')}`]),
      };
    },
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
