import { Kafka, logLevel } from 'kafkajs';

export interface TopicMessage {
  partition: number;
  offset: number;
  key: string;
  value: string;
}

/** Every message of `topic` up to its current end, read with a kafkajs consumer in a fresh group. */
export async function readTopic(brokers: string, topic: string, timeoutMs = 60_000): Promise<TopicMessage[]> {
  const kafka = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING, clientId: 'feed-handler-test-reader' });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  await admin.disconnect();
  const wanted = [...ends.values()].reduce((a, b) => a + b, 0);
  const messages: TopicMessage[] = [];
  if (wanted === 0) return messages;
  const consumer = kafka.consumer({ groupId: `feed-handler-test-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${messages.length} of ${wanted} messages of ${topic} in ${timeoutMs} ms`)), timeoutMs);
      consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const end = ends.get(batch.partition) ?? 0;
          for (const m of batch.messages) {
            if (Number(m.offset) >= end) continue;
            messages.push({ partition: batch.partition, offset: Number(m.offset), key: m.key?.toString() ?? '', value: m.value?.toString() ?? '' });
          }
          if (messages.length >= wanted) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** Per symbol: ids missing between the first and `upTo`, and ids seen more than once. */
export function ledger(trades: Array<{ symbol: string; trade_id: number }>, upTo: Record<string, number>) {
  const out: Record<string, { first: number; upTo: number; missing: number[]; duplicates: number }> = {};
  for (const [symbol, last] of Object.entries(upTo)) {
    const ids = trades.filter((t) => t.symbol === symbol).map((t) => t.trade_id);
    const seen = new Set(ids);
    const first = Math.min(...ids);
    const missing: number[] = [];
    for (let id = first; id <= last; id++) if (!seen.has(id)) missing.push(id);
    out[symbol] = { first, upTo: last, missing: missing.slice(0, 20), duplicates: ids.length - seen.size };
  }
  return out;
}
