import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliCommand } from '../../src/cli/command';
import { UsageError } from '../../src/cli/command';
import { parseFlags, parseHostPort, positiveInt, requireFlag } from '../../src/cli/flags';
import { dlqTopic, EXCHANGES, isExchange, rawTopic } from '../../src/stack/names';
import { DEFAULT_SIM_SYMBOLS, simSymbols } from '../exchange-sim/urls';
import { startFeedHandler } from './feed-handler';

const DEFAULT_PARTITIONS = 6;
const DEFAULT_MEMORY_RECORDS = 50_000;

const usage = `Usage: k2-chaos feed-handler --exchange ${EXCHANGES.join('|')} --ws URL --rest URL --brokers HOST:PORT[,HOST:PORT]
       [--symbols LIST] [--data-dir DIR] [--memory-records N] [--http HOST:PORT] [--topic T] [--dlq-topic T] [--partitions N]

Reads one exchange's trade feed and produces one JSON message per trade (keyed by symbol, acks=-1)
to the raw topic; malformed messages go to the DLQ topic. Fills gaps (start, reconnect) from the
exchange's REST history, starting after the last trade read back from the raw topic.

  --ws          exchange WebSocket URL (simulator: ws://HOST:PORT/ws, /v2 or /)
  --rest        exchange REST base URL (simulator: http://HOST:PORT)
  --brokers     Kafka bootstrap servers
  --symbols     comma-separated exchange symbols; default the simulator's first ${DEFAULT_SIM_SYMBOLS}
  --data-dir    where the buffer spills to disk while the broker is down; default a private temp folder
  --memory-records  messages buffered in memory before they spill to --data-dir; default ${DEFAULT_MEMORY_RECORDS}
  --http        /health and /metrics; default 127.0.0.1:0
  --topic       default market.crypto.trades.<exchange>.raw
  --dlq-topic   default market.crypto.trades.<exchange>.dlq
  --partitions  partitions for topics the handler creates when missing; default ${DEFAULT_PARTITIONS}`;

function url(value: string | undefined, flag: string, schemes: string[]): string {
  const text = requireFlag(value, flag);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new UsageError(`${flag} must be a URL, got "${text}"`);
  }
  if (!schemes.includes(parsed.protocol)) throw new UsageError(`${flag} must be a ${schemes.join(' or ')} URL, got "${text}"`);
  return text;
}

export const command: CliCommand = {
  summary: 'Run a feed handler (exchange WebSocket -> raw topic, gap fill through REST, DLQ)',
  usage,
  async run(argv) {
    const { values } = parseFlags(argv, {
      exchange: { type: 'string' }, ws: { type: 'string' }, rest: { type: 'string' }, brokers: { type: 'string' }, symbols: { type: 'string' },
      'data-dir': { type: 'string' }, 'memory-records': { type: 'string' }, http: { type: 'string' }, topic: { type: 'string' }, 'dlq-topic': { type: 'string' }, partitions: { type: 'string' },
    });
    const exchange = requireFlag(values.exchange, '--exchange');
    if (!isExchange(exchange)) throw new UsageError(`--exchange must be one of ${EXCHANGES.join(', ')}, got "${exchange}"`);
    const brokers = requireFlag(values.brokers, '--brokers').split(',').map((b) => b.trim()).filter(Boolean);
    for (const broker of brokers) parseHostPort(broker, '--brokers');
    const symbols = values.symbols ? values.symbols.split(',').map((s) => s.trim()).filter(Boolean) : simSymbols(exchange, DEFAULT_SIM_SYMBOLS);
    if (symbols.length === 0) throw new UsageError('--symbols must name at least one symbol');
    const http = parseHostPort(values.http ?? '127.0.0.1:0', '--http');
    const handler = await startFeedHandler({
      exchange, brokers, symbols, http,
      wsUrl: url(values.ws, '--ws', ['ws:', 'wss:']),
      restUrl: url(values.rest, '--rest', ['http:', 'https:']),
      topic: values.topic ?? rawTopic(exchange),
      dlqTopic: values['dlq-topic'] ?? dlqTopic(exchange),
      dataDir: values['data-dir'] ?? join(tmpdir(), `k2-chaos-feed-handler-${exchange}-${process.pid}`),
      removeDataDirOnClose: values['data-dir'] === undefined,
      partitions: positiveInt(values.partitions, '--partitions', DEFAULT_PARTITIONS),
      memoryMaxRecords: positiveInt(values['memory-records'], '--memory-records', DEFAULT_MEMORY_RECORDS),
    });
    console.log(JSON.stringify({ event: 'listening', exchange, httpUrl: handler.httpUrl, symbols }));
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await handler.close();
    return 0;
  },
};
