import { connect, createServer, type AddressInfo, type Server } from 'node:net';

/**
 * A TCP proxy in front of the broker that keeps every request frame clients send, so tests get
 * a corpus of real, valid requests (from kafkajs) to mutate.
 */
export class RecordingProxy {
  readonly frames: Buffer[] = [];
  address = '';
  private server?: Server;

  /** The broker's `host:port`; may be set after `start()`, so the broker can advertise the proxy. */
  target = '';

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const at = this.target.lastIndexOf(':');
      const upstream = connect(Number(this.target.slice(at + 1)), this.target.slice(0, at));
      let pending = Buffer.alloc(0);
      client.on('data', (d: Buffer) => {
        pending = Buffer.concat([pending, d]);
        while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
          const size = pending.readInt32BE(0);
          this.frames.push(Buffer.from(pending.subarray(0, 4 + size)));
          pending = pending.subarray(4 + size);
        }
        upstream.write(d);
      });
      upstream.on('data', (d: Buffer) => client.write(d));
      const end = () => { client.destroy(); upstream.destroy(); };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.address = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
