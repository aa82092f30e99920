import { createServer, connect, type Server, type Socket } from 'node:net';

export interface LatencyProxyOptions {
  /** Where the proxy listens (port 0 picks a free one). */
  listenHost: string;
  listenPort: number;
  /** The service behind it. */
  targetHost: string;
  targetPort: number;
  /** Added to what the service sends back, per chunk. */
  latencyMs: number;
  /** Each chunk's delay varies by up to this much either way (never below 0, never reordered). */
  jitterMs: number;
  /** Told of each connection accepted. */
  onConnection?: (remote: string) => void;
}

export interface LatencyProxy {
  readonly port: number;
  /** Connections proxied since start. */
  connections(): number;
  close(): Promise<void>;
}

/** The CLI logs this per accepted connection; the degraded-link fault waits for the first. */
export const CONNECTION_LINE = 'latency-proxy: connection from';

/** Pending bytes in one direction past which its source is paused until they are written. */
const MAX_PENDING_BYTES = 16 * 1_048_576;

/**
 * Forwards `from` to `to` with each chunk held `delay()` ms, in order: one queue and one timer,
 * and a chunk is never due before the one ahead of it, so jitter only ever stretches the stream.
 * An end is forwarded after the last chunk.
 */
function delayedPipe(from: Socket, to: Socket, delay: () => number): void {
  const queue: Array<{ dueMs: number; chunk?: Buffer }> = [];
  let pending = 0;
  let timer: NodeJS.Timeout | undefined;
  const drain = () => {
    timer = undefined;
    while (queue.length > 0 && queue[0]!.dueMs <= Date.now()) {
      const { chunk } = queue.shift()!;
      if (chunk === undefined) to.end();
      else {
        pending -= chunk.length;
        if (!to.destroyed) to.write(chunk);
      }
    }
    if (pending <= MAX_PENDING_BYTES && from.isPaused()) from.resume();
    if (queue.length > 0) timer = setTimeout(drain, queue[0]!.dueMs - Date.now());
  };
  const enqueue = (chunk?: Buffer) => {
    queue.push({ dueMs: Math.max(queue.at(-1)?.dueMs ?? 0, Date.now() + delay()), chunk });
    timer ??= setTimeout(drain, queue[0]!.dueMs - Date.now());
  };
  from.on('data', (chunk: Buffer) => {
    pending += chunk.length;
    if (pending > MAX_PENDING_BYTES) from.pause();
    enqueue(chunk);
  });
  from.on('end', () => enqueue());
  to.on('close', () => clearTimeout(timer));
}

/**
 * A TCP proxy that adds latency (with jitter) to what the service behind it sends, as `tc netem`
 * would on the service's egress. Requests pass at once; replies are held.
 */
export async function startLatencyProxy(o: LatencyProxyOptions): Promise<LatencyProxy> {
  if (!(Number.isFinite(o.latencyMs) && o.latencyMs >= 0)) throw new Error(`latency proxy: latencyMs must be 0 or more, got ${o.latencyMs}`);
  if (!(Number.isFinite(o.jitterMs) && o.jitterMs >= 0 && o.jitterMs <= o.latencyMs)) throw new Error(`latency proxy: jitterMs must be from 0 to latencyMs (${o.latencyMs}), got ${o.jitterMs}`);
  const delay = () => Math.max(0, o.latencyMs + (Math.random() * 2 - 1) * o.jitterMs);
  let accepted = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    accepted++;
    o.onConnection?.(`${client.remoteAddress}:${client.remotePort}`);
    const upstream = connect(o.targetPort, o.targetHost);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => open.delete(socket));
      // Either side failing ends the pair: the client reconnects, as through a dropped connection.
      socket.on('error', () => (client.destroy(), upstream.destroy()));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => setTimeout(() => client.destroy(), o.latencyMs + o.jitterMs));
    client.pipe(upstream);
    delayedPipe(upstream, client, delay);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.listenPort, o.listenHost, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.listenPort;
  return {
    port,
    connections: () => accepted,
    close: () => new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
