import type { CliCommand } from '../../src/cli/command';
import { selectedTestDefects } from '../shared/test-defects';
import { UsageError } from '../../src/cli/command';
import { parseFlags, parseHostPort, positiveInt, requireFlag } from '../../src/cli/flags';
import { startServiceHttp } from '../shared/service-http';
import { startBroker, type ListenerSpec } from './broker';
import { parseFsyncMode } from './log/fsync-policy';

const USAGE = `Usage: k2-chaos broker --data-dir DIR --listen HOST:PORT [--advertise HOST:PORT] [options]

A single-node Kafka-protocol broker with a durable log.

  --data-dir DIR              log and group offsets (created when missing)
  --listen HOST:PORT          a Kafka listener; repeat for several (port 0 picks a free port)
  --advertise HOST:PORT       address clients are told for the listener at the same position
                              (defaults to the listen address)
  --http HOST:PORT            serve /health and /metrics
  --default-partitions N      partitions of auto-created topics (default 3)
  --auto-create-topics BOOL   create unknown topics on metadata/produce: true|false (default true)
  --fsync MODE                batch (acks=-1 waits for fsync, default) | interval:<ms> | none
  --segment-bytes N           roll log segments beyond N bytes (default 67108864)`;

const FLAGS = {
  'data-dir': { type: 'string' },
  listen: { type: 'string', multiple: true },
  advertise: { type: 'string', multiple: true },
  http: { type: 'string' },
  'default-partitions': { type: 'string' },
  'auto-create-topics': { type: 'string' },
  fsync: { type: 'string' },
  'segment-bytes': { type: 'string' },
} as const;

async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, FLAGS);
  const dataDir = requireFlag(values['data-dir'], '--data-dir');
  const listens = values.listen ?? [];
  if (listens.length === 0) throw new UsageError('--listen is required');
  const advertises = values.advertise ?? [];
  if (advertises.length > listens.length) throw new UsageError(`--advertise given ${advertises.length} times for ${listens.length} --listen`);
  const listeners: ListenerSpec[] = listens.map((l, i) => ({
    ...parseHostPort(l, '--listen'),
    advertised: advertises[i] === undefined ? undefined : parseHostPort(advertises[i]!, '--advertise'),
  }));
  const autoCreate = values['auto-create-topics'] ?? 'true';
  if (autoCreate !== 'true' && autoCreate !== 'false') throw new UsageError(`--auto-create-topics must be true or false, got "${autoCreate}"`);
  const fsync = parseFsyncMode(values.fsync ?? 'batch');
  if (!fsync) throw new UsageError(`--fsync must be batch, none or interval:<ms>, got "${values.fsync}"`);
  const http = values.http === undefined ? undefined : parseHostPort(values.http, '--http');

  let ready = false;
  const server = http && await startServiceHttp({
    ...http,
    health: () => ({ ok: ready, listeners: broker?.listeners ?? [] }),
    metrics: () => broker?.core.metrics.registry.render() ?? '',
  });
  let broker: Awaited<ReturnType<typeof startBroker>> | undefined;
  try {
    broker = await startBroker({
      dataDir, listeners, fsync,
      defaultPartitions: positiveInt(values['default-partitions'], '--default-partitions', 3),
      autoCreateTopics: autoCreate === 'true',
      segmentBytes: positiveInt(values['segment-bytes'], '--segment-bytes', 64 * 1024 * 1024),
      ackBeforeAppend: selectedTestDefects().has('broker-acks-before-append'),
      acksRefusedWrites: selectedTestDefects().has('broker-acks-refused-writes'),
    });
  } catch (error) {
    await server?.close();
    if (error instanceof UsageError) throw error;
    console.error(`k2-chaos broker: ${(error as Error).message}`);
    return 1;
  }
  ready = true;
  for (const [i, l] of broker.listeners.entries()) console.log(`listener ${i}: bound ${l.bound}, advertised ${l.advertised}`);
  if (server) console.log(`http: ${server.url}`);
  const running = broker;
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  ready = false;
  await running.close();
  await server?.close();
  return 0;
}

export const command: CliCommand = { summary: 'Run the embedded Kafka-protocol broker', usage: USAGE, run };
