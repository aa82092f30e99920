import { join } from 'node:path';
import type { Exchange } from '../../../stack/names';
import { exchangeUrls, simSymbols } from '../../../../services/exchange-sim/urls';
import { simSymbolCount } from './exchange-sim';
import { topicPartitions } from './broker';
import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceDefinition } from '../service-definition';
import { httpHealth } from '../health-checks';
import { envNumber, k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

/**
 * A test stack's memory bound (the handler's default is 50,000): about 13 s of one exchange, so a
 * long broker outage reaches the spill-to-disk path. `K2_FEED_MEMORY_RECORDS` overrides it.
 */
const TEST_MEMORY_RECORDS = 2_000;

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
          '--partitions', String(topicPartitions(ctx.env)), '--data-dir', join(ctx.dataDir, 'data'),
          '--memory-records', String(envNumber(ctx.env, 'K2_FEED_MEMORY_RECORDS', TEST_MEMORY_RECORDS)), '--http', `${ctx.host}:${servicePort(ctx, 'http')}`]),
      };
    },
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
