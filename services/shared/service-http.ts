import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route handler; return false to fall through to 404. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean | void> | boolean | void;

export interface ServiceHttpOptions {
  host: string;
  port: number;
  /** Health detail; a thrown error or `ok: false` answers 503 so health checks fail. */
  health: () => Promise<{ ok: boolean; [key: string]: unknown }> | { ok: boolean; [key: string]: unknown };
  /** Prometheus text exposition for `/metrics`. */
  metrics?: () => string | Promise<string>;
  /** Extra routes, tried in order before 404. */
  routes?: RouteHandler[];
}

export interface ServiceHttp {
  server: Server;
  /** `http://host:port` actually bound (port 0 resolves to the chosen port). */
  url: string;
  close(): Promise<void>;
}

/** Sends a JSON body with a status code. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a request body as JSON; an empty body is `{}`, a malformed one throws with the reason. */
export async function readJson(req: IncomingMessage, maxBytes = 1_048_576): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`request body over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text ? JSON.parse(text) : {};
}

/**
 * The HTTP side every k2-chaos service offers: `GET /health` for the runtime's health checks,
 * `GET /metrics` for Prometheus, plus the service's own routes.
 */
export async function startServiceHttp(options: ServiceHttpOptions): Promise<ServiceHttp> {
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: (error as Error).message });
      else res.destroy();
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://service');
    if (req.method === 'GET' && url.pathname === '/health') {
      const health = await Promise.resolve(options.health()).catch((e: Error) => ({ ok: false, error: e.message }));
      sendJson(res, health.ok ? 200 : 503, health);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/metrics' && options.metrics) {
      const text = await options.metrics();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(text);
      return;
    }
    for (const route of options.routes ?? []) {
      if ((await route(req, res, url)) !== false && res.writableEnded) return;
    }
    if (!res.writableEnded) sendJson(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
