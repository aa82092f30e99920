import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FsyncMode } from './log/fsync-policy';
import { BrokerCore } from './server/broker-core';
import { Listener, type ListenerSpec } from './server/listener';

export type { ListenerSpec } from './server/listener';

export interface BrokerOptions {
  dataDir: string;
  /** At least one; port 0 binds a free port. */
  listeners: ListenerSpec[];
  /** Partitions of auto-created topics and of CreateTopics asking for the default (-1). Default 3. */
  defaultPartitions?: number;
  /** Create unknown topics on Metadata and Produce. Default true. */
  autoCreateTopics?: boolean;
  /** Default `{ kind: 'batch' }`: acks=-1 waits for an fdatasync. */
  fsync?: FsyncMode;
  /** Roll to a new segment file beyond this size. Default 64 MiB. */
  segmentBytes?: number;
  /** Largest request frame accepted; bigger ones close the connection. Default 100 MiB. */
  maxRequestBytes?: number;
  /** Largest record batch accepted. Default 16 MiB. */
  maxBatchBytes?: number;
  /** How long shutdown waits for in-flight requests. Default 5 s. */
  shutdownGraceMs?: number;
  /** Seeded test defect `broker-acks-before-append` (see server/deferred-appends.ts). */
  ackBeforeAppend?: boolean;
  /** Seeded test defect `broker-acks-refused-writes` (see server/produce-handler.ts). */
  acksRefusedWrites?: boolean;
}

/** A started broker: where each listener is bound and advertised, and how to stop it. */
export interface RunningBroker {
  listeners: { bound: string; advertised: string }[];
  /** Advertised `host:port` of every listener, for kafkajs `brokers`. */
  bootstrap: string[];
  core: BrokerCore;
  /** Stops accepting, finishes in-flight requests, fsyncs and closes the log. Idempotent. */
  close(): Promise<void>;
}

const hostPort = (a: { host: string; port: number }) => `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;

/**
 * Opens the log under `dataDir` (recovering torn tails; throws CorruptLogError on damage
 * elsewhere), then binds every listener.
 */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  if (options.listeners.length === 0) throw new Error('a broker needs at least one listener');
  mkdirSync(options.dataDir, { recursive: true });
  const core = new BrokerCore({
    dataDir: options.dataDir,
    defaultPartitions: options.defaultPartitions ?? 3,
    autoCreateTopics: options.autoCreateTopics ?? true,
    fsync: options.fsync ?? { kind: 'batch' },
    segmentBytes: options.segmentBytes ?? 64 * 1024 * 1024,
    maxBatchBytes: options.maxBatchBytes ?? 16 * 1024 * 1024,
    nodeId: 0,
    clusterId: clusterIdOf(options.dataDir),
    ackBeforeAppend: options.ackBeforeAppend ?? false,
    acksRefusedWrites: options.acksRefusedWrites ?? false,
  });
  const maxFrameBytes = options.maxRequestBytes ?? 100 * 1024 * 1024;
  const listeners = options.listeners.map((spec) => new Listener(core, spec, maxFrameBytes));
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    core.closing = true;
    core.waiters.close();
    core.groups.close();
    await Promise.all(listeners.map((l) => l.close(options.shutdownGraceMs ?? 5_000)));
    await core.close();
  })());
  try {
    for (const listener of listeners) await listener.start();
  } catch (error) {
    await close();
    throw error;
  }
  return {
    listeners: listeners.map((l) => ({ bound: hostPort(l.bound), advertised: hostPort(l.advertised) })),
    bootstrap: listeners.map((l) => hostPort(l.advertised)),
    core,
    close,
  };
}

/** A cluster id kept in the data directory, so it survives restarts like Kafka's meta.properties. */
function clusterIdOf(dataDir: string): string {
  const file = join(dataDir, 'cluster-id');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const id = randomUUID();
    writeFileSync(file, id);
    return id;
  }
}
