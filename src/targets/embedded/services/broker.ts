import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { StackManifest } from '../../../manifest/manifest';
import { DOCKER_STOP_TIMEOUT_MS, servicePort, type ServiceContext, type ServiceDefinition } from '../service-definition';
import { httpHealth } from '../health-checks';
import { envInt, k2ChaosArgv, k2ChaosVersion } from './k2-chaos-command';

/** Partitions of the stack's topics unless `K2_TOPIC_PARTITIONS` says otherwise. */
export const DEFAULT_TOPIC_PARTITIONS = 6;
export const topicPartitions = (env: Record<string, string>): number => envInt(env, 'K2_TOPIC_PARTITIONS', DEFAULT_TOPIC_PARTITIONS);

/**
 * Creates the manifest's raw and DLQ topics before anyone consumes them: ClickHouse 18.16's
 * Kafka engine subscribed to a missing topic does not notice it appear for minutes.
 */
async function createTopics(ctx: ServiceContext, manifest: StackManifest): Promise<void> {
  const kafka = new Kafka({ clientId: 'k2-chaos-embedded', brokers: [`${ctx.host}:${servicePort(ctx, 'kafka')}`], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [...Object.values(manifest.kafka.rawTopics), ...Object.values(manifest.kafka.dlqTopics ?? {})];
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: topicPartitions(ctx.env) })) });
    }
  } finally {
    await admin.disconnect();
  }
}

/** The project's Kafka-protocol broker (Redpanda's place in the reference stack), with the stack's topics. */
export function brokerService(name: string, manifest: StackManifest): ServiceDefinition {
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
          '--http', `${ctx.host}:${servicePort(ctx, 'http')}`, '--default-partitions', String(topicPartitions(ctx.env))]),
      };
    },
    health: httpHealth('http', '/health'),
    version: k2ChaosVersion,
    afterHealthy: (ctx) => createTopics(ctx, manifest),
    stopSignal: 'SIGTERM',
    stopTimeoutMs: DOCKER_STOP_TIMEOUT_MS,
  };
}
