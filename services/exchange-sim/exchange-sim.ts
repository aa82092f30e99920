import type { Exchange } from '../../src/stack/names';
import { MetricsRegistry } from '../shared/prometheus';
import { sendJson, startServiceHttp, type ServiceHttp } from '../shared/service-http';
import { controlRoutes } from './control-routes';
import { RestOutage } from './rest-outage';
import { TradeEmitter, DEFAULT_TICK_MS } from './trade-emitter';
import { TradeHistory } from './trade-history';
import { exchangeUrls, simBase, simSymbols } from './urls';
import { binanceWire } from './wire/binance';
import { coinbaseWire } from './wire/coinbase';
import { krakenWire } from './wire/kraken';
import type { WireFormat } from './wire/wire-format';
import { WsFeed } from './ws-feed';

const WIRES: Record<Exchange, WireFormat> = { binance: binanceWire, kraken: krakenWire, coinbase: coinbaseWire };

export interface ExchangeSimOptions {
  exchange: Exchange;
  host: string;
  /** 0 picks a free port. */
  port: number;
  seed: number;
  symbols: number;
  /** Trades per second per symbol; fractions allowed. */
  ratePerSymbol: number;
  tickMs?: number;
  /**
   * Only what the real exchange offers: the WebSocket feed and REST trade history. No control or
   * ground-truth API, and no last-id gauge in /metrics: a harness sees it as it sees a live
   * exchange, with the observer as its only ground truth.
   */
  publicOnly?: boolean;
}

export interface ExchangeSim extends AsyncDisposable {
  readonly exchange: Exchange;
  readonly symbols: string[];
  readonly history: TradeHistory;
  readonly wsUrl: string;
  readonly restUrl: string;
  readonly controlUrl: string;
  close(): Promise<void>;
}

/** Starts one exchange simulator: feed, REST history, `/control/`, `/health` and `/metrics` on one port. */
export async function startExchangeSim(options: ExchangeSimOptions): Promise<ExchangeSim> {
  const { exchange } = options;
  const symbols = simSymbols(exchange, options.symbols);
  const history = new TradeHistory(options.seed, symbols, symbols.map((_, i) => simBase(i)));
  const wire = WIRES[exchange];
  const feed = new WsFeed(wire, history);
  const restOutage = new RestOutage();
  const emitter = new TradeEmitter(history, options.ratePerSymbol, (i, firstId, lastId) => feed.publish(i, firstId, lastId), options.tickMs ?? DEFAULT_TICK_MS);
  const registry = new MetricsRegistry();
  registry.gauge('exchange_sim_info', 'Simulator settings as labels')(1, { exchange, seed: String(options.seed) });
  // Ground truth: not shown by a public-only simulator.
  const emitted = options.publicOnly ? undefined : registry.gauge('exchange_sim_last_trade_id', 'Last trade id emitted per symbol');
  const connections = registry.gauge('exchange_sim_ws_connections', 'Open WebSocket connections');
  const sent = registry.gauge('exchange_sim_messages_sent_total', 'WebSocket messages sent');
  const dropped = registry.gauge('exchange_sim_slow_consumers_dropped_total', 'Connections cut off for falling behind');
  const checkpoints = registry.gauge('exchange_sim_emission_checkpoints', 'Ticks recorded in the ground-truth log');

  const http: ServiceHttp = await startServiceHttp({
    host: options.host,
    port: options.port,
    health: () => ({ ok: true, exchange, symbols: symbols.length, connections: feed.connections, publicOnly: Boolean(options.publicOnly) }),
    metrics: () => {
      if (emitted) symbols.forEach((symbol, i) => emitted(history.lastId(i), { symbol }));
      connections(feed.connections);
      sent(feed.stats.messagesSent);
      dropped(feed.stats.slowConsumersDropped);
      checkpoints(history.log.checkpoints);
      return registry.render();
    },
    routes: [
      ...(options.publicOnly ? [] : [controlRoutes(exchange, { seed: options.seed, ratePerSymbol: options.ratePerSymbol }, history, feed, restOutage)]),
      (req, res, url) => {
        if (req.method !== 'GET') return false;
        const answer = wire.rest(url, history);
        if (!answer) return false;
        if (restOutage.down) {
          restOutage.refused++;
          sendJson(res, 503, { error: 'REST API unavailable (simulated outage)' });
          return true;
        }
        sendJson(res, answer.status, answer.body);
        return true;
      },
    ],
  });
  http.server.on('upgrade', (req, socket, head) => feed.upgrade(req, socket, head));
  emitter.start();

  const port = Number(new URL(http.url).port);
  const urls = exchangeUrls(exchange, options.host, port);
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= (async () => {
    emitter.stop();
    feed.close();
    await http.close();
  })());
  return { exchange, symbols, history, ...urls, close, [Symbol.asyncDispose]: close };
}
