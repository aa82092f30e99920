import { Kafka, logLevel } from 'kafkajs';
import type { StackManifest } from '../../src/manifest/manifest';

/**
 * Creates the manifest's raw and DLQ topics that are missing, before anyone consumes them:
 * ClickHouse 18.16's Kafka engine subscribed to a missing topic does not notice it appear for
 * minutes. Existing topics are left as they are. Resolves to the topics it created.
 */
export async function createStackTopics(brokers: string[], manifest: StackManifest, partitions: number): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'k2-chaos-init', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [...Object.values(manifest.kafka.rawTopics), ...Object.values(manifest.kafka.dlqTopics ?? {})];
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions })) });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
