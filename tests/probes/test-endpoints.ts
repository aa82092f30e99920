import type { StackEndpoints } from '../../src/targets/endpoints';
import { EXCHANGES, type Exchange } from '../../src/stack/names';

const UNUSED = 'http://127.0.0.1:9';

/** Endpoints for probe tests: only what a test starts is real; the rest points at a closed port. */
export function testEndpoints(parts: { clickhouseUrl?: string; brokers?: string[]; controlUrls?: Partial<Record<Exchange, string>> }): StackEndpoints {
  const exchanges = Object.fromEntries(
    EXCHANGES.map((e) => [e, { wsUrl: 'ws://127.0.0.1:9', restUrl: UNUSED, controlUrl: parts.controlUrls?.[e] ?? `${UNUSED}/control` }]),
  ) as StackEndpoints['exchanges'];
  return {
    brokers: parts.brokers ?? ['127.0.0.1:9'],
    clickhouse: { url: parts.clickhouseUrl ?? UNUSED, username: 'default', password: '', database: 'k2' },
    postgres: { host: '127.0.0.1', port: 9, user: 'x', password: 'x', database: 'x' },
    objectStore: { endPoint: '127.0.0.1', port: 9, useSSL: false, accessKey: 'x', secretKey: 'x', region: 'us-east-1', bucket: 'x' },
    exchanges,
    feedHandlers: Object.fromEntries(EXCHANGES.map((e) => [e, { httpUrl: UNUSED }])) as StackEndpoints['feedHandlers'],
    offload: { httpUrl: UNUSED },
  };
}
