import { join } from 'node:path';
import type { StackManifest } from '../../../manifest/manifest';
import { createStackTopics } from '../../../../stack/kafka/topics';
import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceDefinition } from '../service-definition';
import { httpHealth } from '../health-checks';
import { envInt, k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

/** Partitions of the stack's topics unless `K2_TOPIC_PARTITIONS` says otherwise. */
export const DEFAULT_TOPIC_PARTITIONS = 6;
export const topicPartitions = (env: Record<string, string>): number => envInt(env, 'K2_TOPIC_PARTITIONS', DEFAULT_TOPIC_PARTITIONS);
/**
 * Size of the broker's own disk unless `K2_BROKER_DISK_MB` says otherwise: room for an hour of
 * the default load; the image is sparse, so it costs what is written.
 */
export const DEFAULT_BROKER_DISK_MB = 1_024;

/** The project's Kafka-protocol broker (Redpanda's place in the reference stack), with the stack's topics. */
export function brokerService(name: string, manifest: StackManifest): ServiceDefinition {
  return {
    name,
    role: 'broker',
    dependsOn: [],
    ports: { kafka: 9092, http: 9644 },
    binaries: [],
    boundedDisk: { dir: 'data', bytes: (env) => envInt(env, 'K2_BROKER_DISK_MB', DEFAULT_BROKER_DISK_MB) * 1_048_576 },
    command: (ctx) => {
      const kafka = `${ctx.host}:${servicePort(ctx, 'kafka')}`;
      return {
        argv: k2ChaosArgv('broker', ['--data-dir', join(ctx.dataDir, 'data'), '--listen', kafka, '--advertise', kafka,
          '--http', `${ctx.host}:${servicePort(ctx, 'http')}`, '--default-partitions', String(topicPartitions(ctx.env))]),
      };
    },
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    afterHealthy: async (ctx) => {
      await createStackTopics([`${ctx.host}:${servicePort(ctx, 'kafka')}`], manifest, topicPartitions(ctx.env));
    },
    stopSignal: 'SIGTERM',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
