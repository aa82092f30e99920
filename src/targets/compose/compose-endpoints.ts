import type { ContainerInspectInfo } from 'dockerode';
import { exchangeUrls } from '../../../services/exchange-sim/urls';
import type { ManifestPorts, StackManifest } from '../../manifest/manifest';
import { EXCHANGES, type Exchange } from '../../stack/names';
import type { StackEndpoints } from '../endpoints';

/** Container ports of docker-compose.v2.yml; the broker's is its listener advertised as localhost. */
export const REFERENCE_PORTS: Required<ManifestPorts> = {
  broker: 19092, olap: 8123, objectStore: 9000, catalogDb: 5432, feedHandler: 9400, exchange: 8080, offload: 9500,
};

export interface EndpointSources {
  manifest: StackManifest;
  /** Container inspection per compose service. */
  inspect: (service: string) => ContainerInspectInfo;
  /** Docker's name of the manifest's network, for container addresses. */
  networkDockerName?: string;
  env?: NodeJS.ProcessEnv;
}

/** `K2_ENDPOINT_FEED_HANDLER_KRAKEN` for key `feedHandler.kraken`. */
export const endpointEnvName = (key: string): string => `K2_ENDPOINT_${key.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/\./g, '_').toUpperCase()}`;

function secret(manifest: StackManifest, key: keyof StackManifest['credentials'], env: NodeJS.ProcessEnv): string {
  const name = manifest.credentials[key];
  const value = env[name];
  if (value === undefined) throw new Error(`environment variable ${name} is not set (manifest.credentials.${key} of manifest "${manifest.name}")`);
  return value;
}

/**
 * How the test process reaches each role of a compose stack: `K2_ENDPOINT_<ROLE>=host:port`
 * when set, else the host port published for the role's container port, else the container's
 * address on the stack network (reachable from a Linux host or a container on that network).
 */
export function composeEndpoints(sources: EndpointSources): StackEndpoints {
  const { manifest, inspect } = sources;
  const env = sources.env ?? process.env;
  const ports: ManifestPorts = manifest.ports ?? REFERENCE_PORTS;

  const address = (key: string, service: string, port: number | undefined): { host: string; port: number } | undefined => {
    const override = env[endpointEnvName(key)];
    if (override) {
      const at = override.lastIndexOf(':');
      const overridePort = Number(override.slice(at + 1));
      if (at <= 0 || !Number.isInteger(overridePort)) throw new Error(`${endpointEnvName(key)} must be HOST:PORT, got "${override}"`);
      return { host: override.slice(0, at), port: overridePort };
    }
    if (port === undefined) return undefined;
    const info = inspect(service);
    const published = info.NetworkSettings.Ports?.[`${port}/tcp`]?.find((p) => p.HostPort);
    if (published) {
      const hostIp = published.HostIp && !['0.0.0.0', '::', ''].includes(published.HostIp) ? published.HostIp : '127.0.0.1';
      return { host: hostIp, port: Number(published.HostPort) };
    }
    const ip = sources.networkDockerName ? info.NetworkSettings.Networks?.[sources.networkDockerName]?.IPAddress : undefined;
    if (ip) return { host: ip, port };
    throw new Error(`service "${service}" (${key}) publishes no host port for container port ${port} and has no address on network "${manifest.network}"; set ${endpointEnvName(key)}=HOST:PORT`);
  };
  const required = (key: string, service: string, port: number | undefined) => {
    const found = address(key, service, port);
    if (!found) throw new Error(`manifest "${manifest.name}" gives no port for ${key}; add manifest.ports.${key} or set ${endpointEnvName(key)}=HOST:PORT`);
    return found;
  };
  const httpUrl = (found: { host: string; port: number } | undefined): string => (found ? `http://${found.host}:${found.port}` : '');

  const broker = required('broker', manifest.services.broker, ports.broker);
  const olap = required('olap', manifest.services.olap, ports.olap);
  const pg = required('catalogDb', manifest.services.catalogDb, ports.catalogDb);
  const s3 = required('objectStore', manifest.services.objectStore, ports.objectStore);

  const exchanges = {} as StackEndpoints['exchanges'];
  const feedHandlers = {} as StackEndpoints['feedHandlers'];
  for (const exchange of EXCHANGES) {
    exchanges[exchange] = exchangeEndpoint(exchange, manifest, (service) => address(`exchange.${exchange}`, service, ports.exchange));
    // Empty when the handlers serve no HTTP (K2's Kotlin handlers): probes report them as unknown.
    feedHandlers[exchange] = { httpUrl: httpUrl(address(`feedHandler.${exchange}`, manifest.services.feedHandlers[exchange], ports.feedHandler)) };
  }
  return {
    brokers: [`${broker.host}:${broker.port}`],
    clickhouse: {
      url: `http://${olap.host}:${olap.port}`,
      username: secret(manifest, 'clickhouseUser', env),
      password: secret(manifest, 'clickhousePassword', env),
      database: manifest.clickhouse.database,
    },
    postgres: {
      host: pg.host, port: pg.port,
      user: secret(manifest, 'postgresUser', env),
      password: secret(manifest, 'postgresPassword', env),
      database: secret(manifest, 'postgresDatabase', env),
    },
    objectStore: {
      endPoint: s3.host, port: s3.port, useSSL: false, region: 'us-east-1', bucket: manifest.objectStore.bucket,
      accessKey: secret(manifest, 's3AccessKey', env),
      secretKey: secret(manifest, 's3SecretKey', env),
    },
    exchanges,
    feedHandlers,
    offload: { httpUrl: httpUrl(address('offload', manifest.services.offload, ports.offload)) },
  };
}

function exchangeEndpoint(
  exchange: Exchange,
  manifest: StackManifest,
  address: (service: string) => { host: string; port: number } | undefined,
): StackEndpoints['exchanges'][Exchange] {
  const simulator = manifest.services.exchanges?.[exchange];
  const found = simulator ? address(simulator) : undefined;
  if (found) return exchangeUrls(exchange, found.host, found.port);
  const live = manifest.liveExchanges?.[exchange];
  // A live exchange has no control API and no ground truth: ledger checks report unknown.
  return { wsUrl: live?.wsUrl ?? '', restUrl: live?.restUrl ?? '', controlUrl: '' };
}
