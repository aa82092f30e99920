import { expect, test } from '@playwright/test';
import type { ContainerInspectInfo } from 'dockerode';
import { composeEndpoints, endpointEnvName } from '../../src/targets/compose/compose-endpoints';
import { demuxDockerStream } from '../../src/targets/compose/demux-docker-stream';
import { imageVersion } from '../../src/targets/compose/image-version';
import { REFERENCE_MANIFEST as REF } from '../../src/manifest/reference';

const ENV = {
  K2_CLICKHOUSE_USER: 'default', K2_CLICKHOUSE_PASSWORD: 'c', K2_POSTGRES_USER: 'k2', K2_POSTGRES_PASSWORD: 'p',
  K2_POSTGRES_DB: 'k2', K2_S3_ACCESS_KEY: 'a', K2_S3_SECRET_KEY: 's',
};

/** Inspection of a container that publishes `published` ports and sits on k2-net at 10.5.0.<n>. */
function inspectFor(published: Record<number, string>, n = 7) {
  return () => ({
    NetworkSettings: {
      Ports: Object.fromEntries(Object.entries(published).map(([port, host]) => [`${port}/tcp`, [{ HostIp: '0.0.0.0', HostPort: host }]])),
      Networks: { 'k2-net': { IPAddress: `10.5.0.${n}` } },
    },
  }) as unknown as ContainerInspectInfo;
}

test('reference stack: published ports for the stores, container addresses for what is not published', () => {
  const endpoints = composeEndpoints({ manifest: REF, env: ENV, networkDockerName: 'k2-net', inspect: inspectFor({ 19092: '29092', 8123: '18123', 5432: '15432', 9000: '19000' }) });
  expect(endpoints.brokers).toEqual(['127.0.0.1:29092']);
  expect(endpoints.clickhouse.url).toBe('http://127.0.0.1:18123');
  expect(endpoints.objectStore).toMatchObject({ endPoint: '127.0.0.1', port: 19000, accessKey: 'a', secretKey: 's', bucket: 'k2-warehouse' });
  expect(endpoints.feedHandlers.binance.httpUrl).toBe('http://10.5.0.7:9400');
  expect(endpoints.exchanges.kraken).toEqual({ wsUrl: 'ws://10.5.0.7:8080/v2', restUrl: 'http://10.5.0.7:8080', controlUrl: expect.stringContaining('http://10.5.0.7:8080') });
  expect(endpoints.offload.httpUrl).toBe('http://10.5.0.7:9500');
});

test('K2_ENDPOINT_<ROLE> overrides win over published ports', () => {
  expect(endpointEnvName('feedHandler.kraken')).toBe('K2_ENDPOINT_FEED_HANDLER_KRAKEN');
  const env = { ...ENV, K2_ENDPOINT_BROKER: 'kafka.test:9093', K2_ENDPOINT_OBJECT_STORE: 's3.test:443' };
  const endpoints = composeEndpoints({ manifest: REF, env, networkDockerName: 'k2-net', inspect: inspectFor({ 19092: '29092' }) });
  expect(endpoints.brokers).toEqual(['kafka.test:9093']);
  expect(endpoints.objectStore).toMatchObject({ endPoint: 's3.test', port: 443 });
  expect(() => composeEndpoints({ manifest: REF, env: { ...ENV, K2_ENDPOINT_OLAP: 'nope' }, networkDockerName: 'k2-net', inspect: inspectFor({}) })).toThrow('K2_ENDPOINT_OLAP must be HOST:PORT, got "nope"');
});

test('a port neither published nor reachable on the network is an error naming the override', () => {
  expect(() => composeEndpoints({ manifest: REF, env: ENV, inspect: inspectFor({}) })).toThrow(
    'service "broker" (broker) publishes no host port for container port 19092 and has no address on network "k2-net"; set K2_ENDPOINT_BROKER=HOST:PORT',
  );
});

test('demultiplexes Docker log frames and rejects a stream that is not multiplexed', () => {
  const frame = (stream: number, text: string) => {
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(Buffer.byteLength(text), 4);
    return Buffer.concat([header, Buffer.from(text)]);
  };
  expect(demuxDockerStream(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')])).toString()).toBe('out\nerr\n');
  expect(demuxDockerStream(frame(1, 'truncated').subarray(0, 12)).toString()).toBe('trun');
  expect(() => demuxDockerStream(Buffer.from('plain text log line\n'))).toThrow('not a multiplexed Docker stream: bad frame header at byte 0');
});

test('image versions are the tag, ignoring registry ports and digests', () => {
  expect(imageVersion('localhost:5000/k2/feed:1.2.3')).toBe('1.2.3');
  expect(imageVersion('postgres:15-alpine@sha256:abc')).toBe('15-alpine');
  expect(imageVersion('k2-chaos:local')).toBe('k2-chaos:local');
  expect(imageVersion('localhost:5000/k2/feed')).toBe('localhost:5000/k2/feed');
});
