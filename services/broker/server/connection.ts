import type { Socket } from 'node:net';
import { dispatch, type ConnectionInfo } from './dispatcher';

/** Smallest frame: api key, version, correlation id, client id length. */
const MIN_FRAME_BYTES = 10;
/** Stop reading a client whose unread responses pile up beyond this. */
const MAX_BUFFERED_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * One client connection: splits the byte stream into frames, runs requests as they arrive (so
 * writes keep their order), and writes responses strictly in request order. Anything wrong with
 * a frame closes this connection only.
 */
export class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly slots: { done: boolean; out: Buffer | null }[] = [];
  private drainWaiters: (() => void)[] = [];
  closed = false;
  private draining = false;

  constructor(private readonly socket: Socket, private readonly info: ConnectionInfo, private readonly maxFrameBytes: number) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
    socket.on('drain', () => { if (!this.draining) socket.resume(); });
  }

  get inFlight(): number {
    return this.slots.length;
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.closed && this.buffered >= 4) {
      const head = this.peek(4);
      const size = head.readInt32BE(0);
      if (size < MIN_FRAME_BYTES || size > this.maxFrameBytes) return this.reject();
      if (this.buffered < 4 + size) return;
      const frame = this.take(4 + size).subarray(4);
      this.run(frame);
    }
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }

  private run(frame: Buffer): void {
    const slot = { done: false, out: null as Buffer | null };
    this.slots.push(slot);
    let result: ReturnType<typeof dispatch>;
    try {
      result = dispatch(this.info, frame);
    } catch {
      return this.reject();
    }
    const settle = (out: Buffer | null) => { slot.out = out; slot.done = true; this.flush(); };
    if (result instanceof Promise) result.then(settle, () => this.reject());
    else settle(result);
  }

  private flush(): void {
    while (this.slots[0]?.done) {
      const { out } = this.slots.shift()!;
      if (out && !this.closed && !this.socket.write(out) && this.socket.writableLength > MAX_BUFFERED_RESPONSE_BYTES) this.socket.pause();
    }
    if (this.slots.length === 0) for (const wake of this.drainWaiters.splice(0)) wake();
  }

  private reject(): void {
    if (this.closed) return;
    this.info.core.metrics.rejectedFrames();
    this.destroy();
  }

  /** Stops reading new requests and resolves once every response already owed is written. */
  async drain(): Promise<void> {
    this.draining = true;
    this.socket.pause();
    if (this.slots.length > 0 && !this.closed) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    await new Promise<void>((resolve) => (this.closed ? resolve() : this.socket.end(resolve)));
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.chunks = [];
    this.socket.destroy();
    for (const wake of this.drainWaiters.splice(0)) wake();
  }
}
