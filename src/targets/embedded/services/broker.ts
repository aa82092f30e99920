import { join } from 'node:path';
import { servicePort, type ServiceDefinition } from '../service-definition';
import { httpHealth } from '../health-checks';
import { k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

/** The project's Kafka-protocol broker (Redpanda's place in the reference stack). */
export function brokerService(name: string): ServiceDefinition {
  return {
    name,
    role: 'broker',
    dependsOn: [],
    ports: { kafka: 9092, http: 9644 },
    binaries: [],
    command: (ctx) => {
      const kafka = `${ctx.host}:${servicePort(ctx, 'kafka')}`;
      return {
        argv: k2ChaosArgv('broker', ['--data-dir', join(ctx.dataDir, 'data'), '--listen', kafka, '--advertise', kafka,
          '--http', `${ctx.host}:${servicePort(ctx, 'http')}`]),
      };
    },
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: 15_000,
  };
}
