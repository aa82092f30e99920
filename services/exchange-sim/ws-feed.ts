import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { TradeHistory } from './trade-history';
import type { Connection, MalformedKind, WireFormat } from './wire/wire-format';

/** Trades replayed on subscribe where the exchange sends a snapshot. */
const SNAPSHOT_TRADES = 50;
/** A client this far behind is cut off, as real exchanges drop slow consumers. */
const MAX_BUFFERED_BYTES = 64 * 1_048_576;
const HEARTBEAT_MS = 1_000;

interface Client extends Connection {
  socket: WebSocket;
  symbols: Set<string>;
  /** A hung session: the socket stays open and answers pings, but nothing is ever sent on it again. */
  stalled?: boolean;
}

/** Counters the feed reports through `/metrics`. */
export interface FeedStats {
  messagesSent: number;
  slowConsumersDropped: number;
  /** Trades left off the live feed by `skipLive` (REST history still has them). */
  tradesSkipped: number;
}

/** The simulator's WebSocket side: subscriptions per connection and fan-out of each tick's trades. */
export class WsFeed {
  readonly stats: FeedStats = { messagesSent: 0, slowConsumersDropped: 0, tradesSkipped: 0 };
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<Client>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Until this time (Unix ms) new connections are refused with 503, as during maintenance. */
  private refusingUntilMs = 0;
  /** Per symbol index, how many of its next trades the live feed leaves out. */
  private readonly skipping = new Map<number, number>();

  constructor(private readonly wire: WireFormat, private readonly history: TradeHistory) {
    this.heartbeat = setInterval(() => this.sendHeartbeats(), HEARTBEAT_MS);
  }

  get connections(): number {
    return this.clients.size;
  }

  /** Handles an HTTP upgrade; answers 404 for paths that are not the feed. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (!this.wire.matchesWsPath(path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    if (Date.now() < this.refusingUntilMs) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, path));
  }

  /** Sends one tick's trades (ids `firstId..lastId`) of one symbol to its subscribers. */
  publish(symbolIndex: number, firstId: number, lastId: number): void {
    firstId += this.takeSkipped(symbolIndex, lastId - firstId + 1);
    if (firstId > lastId) return;
    const symbol = this.history.symbols[symbolIndex]!;
    const subscribers = [...this.clients].filter((c) => c.symbols.has(symbol));
    // Nobody listening: the trades still happened (the log has them), but nothing needs building.
    if (subscribers.length === 0) return;
    // History hands out bounded slices; a long event-loop stall can make one tick larger.
    for (let from = firstId; from <= lastId; from += 10_000) {
      const messages = this.wire.tradeMessages(symbol, this.history.range(symbolIndex, from, Math.min(lastId, from + 9_999)), false);
      for (const client of subscribers) for (const message of messages) this.send(client, message);
    }
  }

  /** Sends `count` broken messages to every connection, cycling through `kinds`. */
  sendMalformed(count: number, kinds: readonly MalformedKind[]): { connections: number; messages: number } {
    let messages = 0;
    for (const client of this.clients) {
      const symbol = [...client.symbols][0] ?? this.history.symbols[0]!;
      for (let i = 0; i < count; i++) {
        this.send(client, this.wire.malformed(kinds[i % kinds.length]!, symbol, Date.now()));
        messages++;
      }
    }
    return { connections: this.clients.size, messages };
  }

  /** Drops every connection, as an exchange does on maintenance; clients must reconnect. */
  disconnectAll(refuseMs = 0): number {
    this.refusingUntilMs = refuseMs > 0 ? Date.now() + refuseMs : 0;
    const n = this.clients.size;
    for (const client of this.clients) client.socket.terminate();
    return n;
  }

  /**
   * Hangs every open session, as an exchange's stuck server does: no trade, heartbeat or reply is
   * sent on it again and no close comes, while the socket stays open and still answers pings
   * (WebSocket pongs are automatic). New connections are served normally.
   */
  stallAll(): number {
    for (const client of this.clients) client.stalled = true;
    return this.clients.size;
  }

  /**
   * Leaves the next `count` trades of every symbol off the live feed, as an exchange that skipped
   * messages does: the ids jump, and only REST history has the trades in between. 0 cancels what
   * is left of an earlier skip.
   */
  skipLive(count: number): void {
    this.history.symbols.forEach((_, i) => (count > 0 ? this.skipping.set(i, count) : this.skipping.delete(i)));
  }

  /** Trades still to be left off the live feed, over all symbols. */
  get skipsPending(): number {
    let n = 0;
    for (const left of this.skipping.values()) n += left;
    return n;
  }

  /** Ends a refusal early: new connections are accepted again. */
  acceptConnections(): void {
    this.refusingUntilMs = 0;
  }

  /** Whether new connections are refused right now. */
  get refusing(): boolean {
    return Date.now() < this.refusingUntilMs;
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.disconnectAll();
    this.server.close();
  }

  private accept(socket: WebSocket, path: string): void {
    const client: Client = { socket, symbols: new Set(), sequence: 0 };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => socket.terminate());
    for (const message of this.wire.greeting()) this.send(client, message);
    this.subscribe(client, this.wire.pathSubscriptions(path, this.history.symbols), false);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const request = this.wire.onClientMessage(data.toString(), this.history.symbols);
      for (const reply of request.replies) this.send(client, reply);
      this.subscribe(client, request.subscribe ?? [], request.snapshot ?? false);
      for (const symbol of request.unsubscribe ?? []) client.symbols.delete(symbol);
    });
  }

  private subscribe(client: Client, symbols: string[], snapshot: boolean): void {
    for (const symbol of symbols) {
      if (client.symbols.has(symbol)) continue;
      client.symbols.add(symbol);
      if (!snapshot) continue;
      const index = this.history.indexOf(symbol)!;
      const last = this.history.lastId(index);
      const trades = this.history.range(index, last - SNAPSHOT_TRADES + 1, last);
      for (const message of this.wire.tradeMessages(symbol, trades, true)) this.send(client, message);
    }
  }

  /** How many of a tick's `available` trades the skip takes (from its start). */
  private takeSkipped(symbolIndex: number, available: number): number {
    const left = this.skipping.get(symbolIndex) ?? 0;
    const taken = Math.min(left, available);
    if (taken === 0) return 0;
    if (left === taken) this.skipping.delete(symbolIndex);
    else this.skipping.set(symbolIndex, left - taken);
    this.stats.tradesSkipped += taken;
    return taken;
  }

  private sendHeartbeats(): void {
    for (const client of this.clients) {
      const beat = client.symbols.size > 0 ? this.wire.heartbeat?.([...client.symbols]) : undefined;
      if (beat) this.send(client, beat);
    }
  }

  private send(client: Client, message: string): void {
    if (client.stalled || client.socket.readyState !== WebSocket.OPEN) return;
    if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.stats.slowConsumersDropped++;
      client.socket.terminate();
      return;
    }
    client.socket.send(this.wire.stamp(client, message));
    this.stats.messagesSent++;
  }
}
