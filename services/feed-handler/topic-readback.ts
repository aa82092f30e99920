import type { Kafka } from 'kafkajs';
import type { FillFrom } from './exchanges/exchange-adapter';

/** Messages read back per partition in the first pass; a second pass reads the rest if needed. */
const TAIL_WINDOW = 5_000;
const READ_TIMEOUT_MS = 60_000;

/**
 * Creates `topics` with `partitions` partitions where they do not exist yet. Existing topics are
 * left as they are (the stack may have made them with other counts).
 */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })) });
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * The last trade produced per symbol, read back from the raw topic: the tail of every
 * partition, and the whole partition only when a wanted symbol did not show up in its tail.
 */
export async function lastProducedTrades(kafka: Kafka, topic: string, symbols: string[]): Promise<Map<string, FillFrom>> {
  const admin = kafka.admin();
  await admin.connect();
  let offsets: Array<{ partition: number; offset: string; low: string }>;
  try {
    offsets = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  const found = new Map<string, FillFrom>();
  const ranges = offsets.map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.offset) })).filter((r) => r.high > r.low);
  if (ranges.length === 0) return found;
  const tails = ranges.map((r) => ({ ...r, from: Math.max(r.low, r.high - TAIL_WINDOW) }));
  await readRanges(kafka, topic, tails, found);
  const truncated = tails.filter((r) => r.from > r.low);
  if (symbols.some((s) => !found.has(s)) && truncated.length > 0) {
    await readRanges(kafka, topic, truncated.map((r) => ({ ...r, high: r.from, from: r.low })), found);
  }
  return found;
}

async function readRanges(
  kafka: Kafka, topic: string, ranges: Array<{ partition: number; from: number; high: number }>, found: Map<string, FillFrom>,
): Promise<void> {
  const consumer = kafka.consumer({ groupId: `feed-handler-readback-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  const remaining = new Set(ranges.map((r) => r.partition));
  const highOf = new Map(ranges.map((r) => [r.partition, r.high]));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading back ${topic} took over ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
      let sought = false;
      consumer.on(consumer.events.GROUP_JOIN, () => {
        if (sought) return;
        sought = true;
        for (const r of ranges) consumer.seek({ topic, partition: r.partition, offset: String(r.from) });
      });
      consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          if (!sought) return;
          const high = highOf.get(batch.partition) ?? 0;
          for (const message of batch.messages) {
            if (Number(message.offset) >= high) break;
            noteTrade(message.value, found);
          }
          const lastOffset = Number(batch.messages.at(-1)?.offset ?? -1);
          if (lastOffset >= high - 1 && remaining.delete(batch.partition) && remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

function noteTrade(value: Buffer | null, found: Map<string, FillFrom>): void {
  if (!value) return;
  try {
    const m = JSON.parse(value.toString('utf8')) as { symbol?: unknown; trade_id?: unknown; exchange_ts_ms?: unknown };
    if (typeof m.symbol !== 'string' || typeof m.trade_id !== 'number' || typeof m.exchange_ts_ms !== 'number') return;
    const seen = found.get(m.symbol);
    if (!seen || m.trade_id > seen.tradeId) found.set(m.symbol, { tradeId: m.trade_id, timeMs: m.exchange_ts_ms });
  } catch {
    // Not ours or not a trade: the raw topic only ever gets validated trades from us.
  }
}
