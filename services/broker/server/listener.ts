import { createServer, type AddressInfo, type Server } from 'node:net';
import type { BrokerCore } from './broker-core';
import { Connection } from './connection';

export interface ListenerSpec {
  host: string;
  port: number;
  /** Address given to clients in Metadata and FindCoordinator; defaults to the bound address. */
  advertised?: { host: string; port: number };
}

/** One bound Kafka listener with its own advertised address. */
export class Listener {
  private readonly connections = new Set<Connection>();
  private server?: Server;
  bound = { host: '', port: 0 };
  advertised = { host: '', port: 0 };

  constructor(private readonly core: BrokerCore, private readonly spec: ListenerSpec, private readonly maxFrameBytes: number) {}

  async start(): Promise<void> {
    const server = createServer((socket) => {
      const advertised = this.advertised;
      const conn = new Connection(socket, { core: this.core, advertised, clientHost: `/${socket.remoteAddress ?? ''}` }, this.maxFrameBytes);
      this.connections.add(conn);
      this.core.metrics.connections(this.countAll());
      socket.on('close', () => {
        this.connections.delete(conn);
        this.core.metrics.connections(this.countAll());
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.spec.port, this.spec.host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.bound = { host: this.spec.host, port: address.port };
    this.advertised = this.spec.advertised
      ? { host: this.spec.advertised.host, port: this.spec.advertised.port === 0 ? address.port : this.spec.advertised.port }
      : this.bound;
  }

  private countAll(): number {
    return this.connections.size;
  }

  /** Stops accepting, lets each connection write the responses it owes, then closes it. */
  async close(graceMs: number): Promise<void> {
    const stopped = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    const drains = [...this.connections].map((c) => c.drain());
    await Promise.race([Promise.all(drains), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    for (const c of this.connections) c.destroy();
    await stopped;
  }
}
