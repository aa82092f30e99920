import type { Exchange } from '../stack/names';

/**
 * How the test process reaches a started stack. Built by the target (embedded: the services'
 * namespace addresses; compose: published ports), shaped for the client libraries.
 */
export interface StackEndpoints {
  /** Bootstrap servers for kafkajs, `host:port`. */
  brokers: string[];
  /** For @clickhouse/client: `createClient({ url, username, password, database })`. */
  clickhouse: { url: string; username: string; password: string; database: string };
  /** For pg: `new Client({ host, port, user, password, database })`. */
  postgres: { host: string; port: number; user: string; password: string; database: string };
  /** For the minio client: `new Client({ endPoint, port, useSSL, accessKey, secretKey, region })`. */
  objectStore: { endPoint: string; port: number; useSSL: boolean; accessKey: string; secretKey: string; region: string; bucket: string };
  /** Exchange simulators: WebSocket feed, REST (gap fill), and the control/ground-truth API. */
  exchanges: Record<Exchange, { wsUrl: string; restUrl: string; controlUrl: string }>;
  /** Feed handlers' HTTP endpoint serving `/health` and `/metrics`. */
  feedHandlers: Record<Exchange, { httpUrl: string }>;
  /** Offload worker's HTTP endpoint serving `/health`, `/metrics`, `/status` and `POST /runs`. */
  offload: { httpUrl: string };
}
