import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeAttachment { NetworkID: string; Aliases: string[]; IPAMConfig: { IPv4Address?: string } | null; IPAddress: string }

export interface FakeContainer {
  Id: string;
  name: string;
  service: string;
  project: string;
  image: string;
  running: boolean;
  paused: boolean;
  /** Undefined: no healthcheck. */
  health?: 'starting' | 'healthy' | 'unhealthy';
  tty: boolean;
  logs: Array<[1 | 2, string]>;
  ports: Record<string, Array<{ HostIp: string; HostPort: string }>>;
  networks: Record<string, FakeAttachment>;
}

export interface FakeNetwork { Id: string; Name: string; labels: Record<string, string> }

const idOf = (name: string): string => createHash('sha256').update(name).digest('hex');

/**
 * A Docker Engine API server on a unix socket with just the endpoints the compose target uses.
 * It keeps container and network state, applies Docker's answers for no-op requests (304, 409),
 * records every call, and answers anything else with 404 naming the request.
 */
export class FakeDockerEngine {
  readonly containers = new Map<string, FakeContainer>();
  readonly networks = new Map<string, FakeNetwork>();
  readonly calls: string[] = [];
  readonly socketPath: string;
  private readonly dir: string;
  private readonly server = createServer((req, res) => void this.handle(req, res));
  /** The API version this engine reports and serves under `/v<apiVersion>/`. */
  readonly apiVersion: string;

  constructor(options: { apiVersion?: string } = {}) {
    this.apiVersion = options.apiVersion ?? '1.47';
    this.dir = mkdtempSync(join(tmpdir(), 'k2-fake-docker-'));
    this.socketPath = join(this.dir, 'docker.sock');
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(this.socketPath, resolve));
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  addNetwork(name: string, labels: Record<string, string> = {}): FakeNetwork {
    const network = { Id: idOf(`net:${name}`), Name: name, labels };
    this.networks.set(network.Id, network);
    return network;
  }

  addContainer(c: Omit<FakeContainer, 'Id' | 'paused' | 'tty' | 'logs' | 'ports' | 'networks'> & Partial<FakeContainer>): FakeContainer {
    const container: FakeContainer = { paused: false, tty: false, logs: [], ports: {}, networks: {}, ...c, Id: idOf(c.name) };
    this.containers.set(container.Id, container);
    return container;
  }

  attach(container: FakeContainer, network: FakeNetwork, attachment: Partial<FakeAttachment> = {}): void {
    container.networks[network.Name] = { NetworkID: network.Id, Aliases: [container.service], IPAMConfig: null, IPAddress: '172.30.0.9', ...attachment };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://docker');
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    this.calls.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, payload?: unknown): void => {
      if (payload === undefined) return void res.writeHead(status).end();
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    // Like a real engine: the unversioned /version says what it speaks; a newer prefix is refused.
    if (req.method === 'GET' && url.pathname === '/version') return send(200, { Version: 'fake', ApiVersion: this.apiVersion, MinAPIVersion: '1.24' });
    const api = `/v${this.apiVersion}`;
    if (!url.pathname.startsWith(`${api}/`)) {
      return send(400, { message: `client version ${url.pathname.split('/')[1]} is too new. Maximum supported API version is ${this.apiVersion}` });
    }
    const path = url.pathname.slice(api.length);
    const route = `${req.method} ${path === '/containers/json' ? path : path.replace(/^\/(containers|networks)\/[^/]+/, '/$1/{id}')}`;
    const target = path.split('/')[2] ?? '';
    const container = this.containers.get(target);
    const network = this.networks.get(target);
    const filters = JSON.parse(url.searchParams.get('filters') ?? '{}') as { label?: string[] };
    const labelled = (labels: Record<string, string>) =>
      (filters.label ?? []).every((f) => (f.includes('=') ? labels[f.split('=')[0]!] === f.slice(f.indexOf('=') + 1) : f in labels));

    switch (route) {
      case 'GET /containers/json':
        return send(200, [...this.containers.values()]
          .filter((c) => (url.searchParams.get('all') === 'true' || c.running) && labelled(this.labelsOf(c)))
          .map((c) => ({ Id: c.Id, Names: [`/${c.name}`], Labels: this.labelsOf(c), State: c.running ? 'running' : 'exited', NetworkSettings: { Networks: c.networks } })));
      case 'GET /networks':
        return send(200, [...this.networks.values()].filter((n) => labelled(n.labels)).map((n) => ({ Id: n.Id, Name: n.Name, Labels: n.labels })));
    }
    if (path.startsWith('/containers/') && !container) return send(404, { message: `No such container: ${target}` });
    if (path.startsWith('/networks/') && !network) return send(404, { message: `network ${target} not found` });
    const c = container!;
    switch (route) {
      case 'GET /containers/{id}/json':
        return send(200, this.inspectContainer(c));
      case 'POST /containers/{id}/start':
        if (c.running) return send(304);
        return (c.running = true), send(204);
      case 'POST /containers/{id}/stop':
        if (c.paused) return send(409, { message: `cannot stop container: ${c.Id} is paused` });
        if (!c.running) return send(304);
        return (c.running = false), send(204);
      case 'POST /containers/{id}/restart':
        if (c.paused) return send(409, { message: `cannot restart container: ${c.Id} is paused` });
        return (c.running = true), send(204);
      case 'POST /containers/{id}/kill':
        if (!c.running || c.paused) return send(409, { message: `container ${c.Id} is not running or is paused` });
        return (c.running = false), send(204);
      case 'POST /containers/{id}/pause':
        if (!c.running || c.paused) return send(409, { message: `container ${c.Id} is not running or already paused` });
        return (c.paused = true), send(204);
      case 'POST /containers/{id}/unpause':
        if (!c.paused) return send(409, { message: `container ${c.Id} is not paused` });
        return (c.paused = false), send(204);
      case 'GET /containers/{id}/logs': {
        const tail = url.searchParams.get('tail');
        const lines = tail && tail !== 'all' ? c.logs.slice(-Number(tail)) : c.logs;
        const frames = lines.map(([stream, text]) => {
          const payload = Buffer.from(text);
          if (c.tty) return payload;
          const header = Buffer.alloc(8);
          header[0] = stream;
          header.writeUInt32BE(payload.length, 4);
          return Buffer.concat([header, payload]);
        });
        return void res.writeHead(200, { 'content-type': c.tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream' }).end(Buffer.concat(frames));
      }
      case 'GET /networks/{id}':
        return send(200, { Id: network!.Id, Name: network!.Name, Labels: network!.labels, Containers: this.membersOf(network!) });
      case 'POST /networks/{id}/disconnect':
      case 'POST /networks/{id}/connect': {
        const member = this.containers.get(String(body.Container));
        if (!member) return send(404, { message: `No such container: ${String(body.Container)}` });
        const attached = member.networks[network!.Name];
        if (route.endsWith('/disconnect')) {
          if (!attached) return send(403, { message: `container ${member.Id} is not connected to network ${network!.Name}` });
          delete member.networks[network!.Name];
          return send(200);
        }
        if (attached) return send(403, { message: `endpoint with name ${member.name} already exists in network ${network!.Name}` });
        const config = (body.EndpointConfig ?? {}) as { Aliases?: string[]; IPAMConfig?: { IPv4Address?: string } };
        member.networks[network!.Name] = {
          NetworkID: network!.Id, Aliases: config.Aliases ?? [], IPAMConfig: config.IPAMConfig ?? null, IPAddress: config.IPAMConfig?.IPv4Address ?? '172.30.0.99',
        };
        return send(200);
      }
    }
    return send(404, { message: `fake engine: no route for ${req.method} ${url.pathname}` });
  }

  private labelsOf(c: FakeContainer): Record<string, string> {
    return { 'com.docker.compose.project': c.project, 'com.docker.compose.service': c.service };
  }

  private membersOf(network: FakeNetwork): Record<string, { Name: string }> {
    const members: Record<string, { Name: string }> = {};
    for (const c of this.containers.values()) if (c.networks[network.Name]) members[c.Id] = { Name: c.name };
    return members;
  }

  private inspectContainer(c: FakeContainer) {
    const status = c.paused ? 'paused' : c.running ? 'running' : 'exited';
    return {
      Id: c.Id, Name: `/${c.name}`,
      State: {
        Status: status, Running: c.running, Paused: c.paused, Pid: c.running ? 4242 : 0,
        ...(c.health ? { Health: { Status: c.running ? c.health : 'unhealthy', Log: [{ Output: `probe says ${c.health}` }] } } : {}),
      },
      Config: { Image: c.image, Tty: c.tty, Labels: this.labelsOf(c) },
      NetworkSettings: { Ports: c.ports, Networks: c.networks },
    };
  }
}
