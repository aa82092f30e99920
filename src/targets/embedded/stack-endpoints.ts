import { EXCHANGES, type Exchange } from '../../stack/names';
import { exchangeUrls } from '../../../services/exchange-sim/urls';
import type { StackEndpoints } from '../endpoints';
import { EMBEDDED_CREDENTIALS } from './embedded-credentials';
import { servicePort } from './service-definition';
import type { EmbeddedStackState } from './stack-state';

/** How the test process reaches each service of an embedded stack: its address and ports. */
export function stackEndpoints(state: EmbeddedStackState): StackEndpoints {
  const names = state.manifest.services;
  const at = (name: string, port: string): { host: string; port: number } => {
    const record = state.services[name];
    if (!record) throw new Error(`stack ${state.stackId} has no service "${name}"`);
    return { host: record.host, port: servicePort({ name, ports: record.ports }, port) };
  };
  const url = (name: string, port: string): string => {
    const { host, port: n } = at(name, port);
    return `http://${host}:${n}`;
  };
  const perExchange = <T>(fn: (exchange: Exchange) => T): Record<Exchange, T> =>
    Object.fromEntries(EXCHANGES.map((exchange) => [exchange, fn(exchange)])) as Record<Exchange, T>;
  const broker = at(names.broker, 'kafka');
  const postgres = at(names.catalogDb, 'pg');
  const s3 = at(names.objectStore, 's3');
  return {
    brokers: [`${broker.host}:${broker.port}`],
    clickhouse: { url: url(names.olap, 'http'), username: EMBEDDED_CREDENTIALS.clickhouse.user,
      password: EMBEDDED_CREDENTIALS.clickhouse.password, database: EMBEDDED_CREDENTIALS.clickhouse.database },
    postgres: { host: postgres.host, port: postgres.port, user: EMBEDDED_CREDENTIALS.postgres.user,
      password: EMBEDDED_CREDENTIALS.postgres.password, database: EMBEDDED_CREDENTIALS.postgres.database },
    objectStore: { endPoint: s3.host, port: s3.port, useSSL: false, accessKey: EMBEDDED_CREDENTIALS.objectStore.accessKey,
      secretKey: EMBEDDED_CREDENTIALS.objectStore.secretKey, region: EMBEDDED_CREDENTIALS.objectStore.region,
      bucket: state.manifest.objectStore.bucket },
    exchanges: perExchange((exchange) => {
      const name = names.exchanges?.[exchange];
      if (!name) throw new Error(`manifest ${state.manifest.name} has no simulator for ${exchange}; the embedded target needs one`);
      const { host, port } = at(name, 'http');
      return exchangeUrls(exchange, host, port);
    }),
    feedHandlers: perExchange((exchange) => ({ httpUrl: url(names.feedHandlers[exchange], 'http') })),
    offload: { httpUrl: url(names.offload, 'http') },
  };
}
