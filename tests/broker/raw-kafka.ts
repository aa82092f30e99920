import { connect, type Socket } from 'node:net';

/**
 * A bare Kafka-protocol connection for tests that need to send what no client library would:
 * raw frames, bad versions, garbage. Responses are matched to requests in order.
 */
export class RawKafka {
  private buffered = Buffer.alloc(0);
  private readonly waiting: ((frame: Buffer | null) => void)[] = [];
  closed = false;
  private correlation = 1;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, d]);
      while (this.buffered.length >= 4 && this.buffered.length >= 4 + this.buffered.readInt32BE(0)) {
        const size = this.buffered.readInt32BE(0);
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        this.waiting.shift()?.(frame);
      }
    });
    const onClose = () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(null);
    };
    socket.on('close', onClose);
    socket.on('error', onClose);
  }

  static open(address: string): Promise<RawKafka> {
    const at = address.lastIndexOf(':');
    return new Promise((resolve, reject) => {
      const socket = connect(Number(address.slice(at + 1)), address.slice(0, at), () => resolve(new RawKafka(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends bytes as they are (no framing added). */
  sendRaw(bytes: Buffer): void {
    if (!this.closed) this.socket.write(bytes);
  }

  /** Sends one request with a v1 header; resolves with the response body, or null when the broker closed the connection. */
  request(apiKey: number, version: number, body: Buffer, expectResponse = true): Promise<Buffer | null> {
    const clientId = Buffer.from('raw');
    const header = Buffer.alloc(10);
    header.writeInt16BE(apiKey, 0);
    header.writeInt16BE(version, 2);
    header.writeInt32BE(this.correlation++, 4);
    header.writeInt16BE(clientId.length, 8);
    const payload = Buffer.concat([header, clientId, body]);
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    const response = expectResponse ? this.next() : Promise.resolve(null);
    this.sendRaw(Buffer.concat([size, payload]));
    return response.then((frame) => (frame ? frame.subarray(4) : null));
  }

  /** The next response frame (correlation id first), or null once closed. */
  next(): Promise<Buffer | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    this.socket.destroy();
  }
}
