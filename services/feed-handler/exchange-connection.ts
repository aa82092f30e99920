import WebSocket from 'ws';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/** Half fixed, half random ("equal jitter"): spreads reconnects of many handlers without ever waiting 0. */
export function backoffDelayMs(attempt: number, { initialMs, maxMs }: BackoffOptions, random = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}

export interface ConnectionHandlers {
  /** The socket is open and the subscription sent. */
  onOpen(): void;
  onMessage(text: string, receivedMs: number): void;
  /** The socket closed; a reconnect is scheduled after `retryInMs`. */
  onClose(reason: string, retryInMs: number): void;
}

export interface ConnectionOptions {
  /**
   * Reconnect when the exchange closes the socket without an error. Always true but under the
   * seeded test defect `feed-handler-reconnects-only-on-error`.
   */
  reconnectOnCleanClose: boolean;
  /**
   * Let a pong keep a connection alive. Always false but under the seeded test defect
   * `feed-handler-trusts-pongs`: a hung exchange session still answers pings, so a pong proves
   * the socket, not the feed.
   */
  pongsKeepAlive?: boolean;
}

/** Pings this often, which keeps NATs and proxies from closing a quiet socket. */
const PING_EVERY_MS = 2_500;
/**
 * A connection that delivers no message (trade, heartbeat or reply) for this long is stale and
 * dropped, even if it answers pings. The exchanges' heartbeats (Kraken's every second) and busy
 * trade streams stay far inside it; a quiet live symbol may cost a reconnect and a REST fill.
 */
const STALE_FEED_MS = 10_000;

/**
 * A WebSocket to the exchange that stays up: it subscribes on every connect, drops a stale
 * connection (a partition does not close a socket by itself, and a hung session still answers
 * pings), and reconnects with exponential
 * backoff and jitter until stopped.
 */
export class ExchangeConnection {
  private socket: WebSocket | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private lastHeardMs = 0;
  private stopped = false;
  connected = false;

  constructor(
    private readonly url: string,
    private readonly subscribeMessages: string[],
    private readonly handlers: ConnectionHandlers,
    private readonly backoff: BackoffOptions = { initialMs: 250, maxMs: 10_000 },
    private readonly options: ConnectionOptions = { reconnectOnCleanClose: true },
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.socket?.terminate();
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.url, { handshakeTimeout: 10_000, perMessageDeflate: false });
    this.socket = socket;
    let closed = false;
    const closeOnce = (reason: string, cleanClose = false) => {
      if (closed) return;
      closed = true;
      this.connected = false;
      clearInterval(this.pingTimer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      if (this.stopped || (cleanClose && !this.options.reconnectOnCleanClose)) return;
      const delayMs = backoffDelayMs(this.attempt++, this.backoff);
      this.handlers.onClose(reason, delayMs);
      this.retryTimer = setTimeout(() => this.connect(), delayMs);
    };
    socket.on('open', () => {
      this.connected = true;
      this.lastHeardMs = Date.now();
      for (const message of this.subscribeMessages) socket.send(message);
      this.pingTimer = setInterval(() => {
        if (Date.now() - this.lastHeardMs > STALE_FEED_MS) closeOnce(`no message for ${STALE_FEED_MS} ms`);
        else socket.ping();
      }, PING_EVERY_MS);
      this.handlers.onOpen();
    });
    socket.on('message', (data, isBinary) => {
      this.lastHeardMs = Date.now();
      // A connection that delivers data is healthy again: the next failure starts from a short delay.
      this.attempt = 0;
      this.handlers.onMessage(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString(), this.lastHeardMs);
    });
    socket.on('pong', () => {
      if (this.options.pongsKeepAlive) this.lastHeardMs = Date.now();
    });
    socket.on('close', (code, reason) => closeOnce(`closed ${code} ${reason.toString()}`.trim(), true));
    socket.on('error', (error) => closeOnce(error.message));
  }
}
