import { Kafka, logLevel } from 'kafkajs';

/** Topic names the broker lists, through a short-lived kafkajs admin client. */
export async function readTopics(brokers: string[], timeoutMs = 10_000): Promise<string[]> {
  const kafka = new Kafka({
    clientId: 'k2-chaos-preflight',
    brokers,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 2 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}
