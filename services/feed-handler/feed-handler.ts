import { rmSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import type { Exchange } from '../../src/stack/names';
import { startServiceHttp, type ServiceHttp } from '../shared/service-http';
import { selectedTestDefects, TEST_DEFECTS } from '../shared/test-defects';
import { ExchangeConnection } from './exchange-connection';
import type { ExchangeAdapter, FillFrom, FillPage } from './exchanges/exchange-adapter';
import { binanceAdapter } from './exchanges/binance';
import { coinbaseAdapter } from './exchanges/coinbase';
import { krakenAdapter } from './exchanges/kraken';
import type { ParsedTrade, Rejected } from './exchanges/parsed-trade';
import { feedHandlerMetrics, type FeedHandlerMetrics } from './feed-handler-metrics';
import { Outbox } from './outbox';
import { ProducerLoop } from './producer-loop';
import { ensureTopics, lastProducedTrades } from './topic-readback';
import { DLQ_PAYLOAD_MAX_CHARS, rawTradeJson, type DlqMessage } from './trade-message';
import { TradeSequencer } from './trade-sequencer';

/** A history page with nothing in it (what the seeded gap-fill defects make of every request). */
const NO_HISTORY: FillPage = { trades: [], rejected: [] };

export const ADAPTERS: Record<Exchange, ExchangeAdapter> = { binance: binanceAdapter, kraken: krakenAdapter, coinbase: coinbaseAdapter };

export interface FeedHandlerOptions {
  exchange: Exchange;
  wsUrl: string;
  restUrl: string;
  brokers: string[];
  symbols: string[];
  topic: string;
  dlqTopic: string;
  dataDir: string;
  http: { host: string; port: number };
  /** Partitions for topics this handler has to create. */
  partitions: number;
  memoryMaxRecords?: number;
  diskMaxBytes?: number;
  /** Records per spill file; default 2,000. */
  spillSegmentRecords?: number;
  /** Remove `dataDir` on close (when it was a private temporary folder). */
  removeDataDirOnClose?: boolean;
  log?: (event: Record<string, unknown>) => void;
}

export interface FeedHandler extends AsyncDisposable {
  readonly httpUrl: string;
  readonly metrics: FeedHandlerMetrics;
  /** Resolves once the last produced trades were read back and the feed is being consumed. */
  readonly running: Promise<void>;
  close(): Promise<void>;
}

const INIT_RETRY_MS = 1_000;
const ROOM_POLL_MS = 100;

/** Starts a feed handler: exchange WebSocket -> validated trades -> raw topic, malformed -> DLQ. */
export async function startFeedHandler(options: FeedHandlerOptions): Promise<FeedHandler> {
  const { exchange, topic, dlqTopic } = options;
  const log = options.log ?? ((event) => console.log(JSON.stringify({ timeMs: Date.now(), exchange, ...event })));
  const adapter = ADAPTERS[exchange];
  const metrics = feedHandlerMetrics(exchange);
  const outbox = new Outbox({ dir: options.dataDir, memoryMaxRecords: options.memoryMaxRecords ?? 50_000, diskMaxBytes: options.diskMaxBytes ?? 1_073_741_824, segmentRecords: options.spillSegmentRecords ?? 2_000 });
  const kafka = new Kafka({
    clientId: `feed-handler-${exchange}`, brokers: options.brokers, logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000, requestTimeout: 10_000, retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
  });
  let phase: 'starting' | 'running' | 'stopped' = 'starting';

  const dlq = (rejected: Rejected[]) => {
    for (const r of rejected) {
      const message: DlqMessage = { exchange, reason: r.reason, received_ts_ms: Date.now(), payload: r.payload.slice(0, DLQ_PAYLOAD_MAX_CHARS) };
      metrics.rejected();
      if (!outbox.push({ topic: dlqTopic, key: exchange, value: JSON.stringify(message) })) metrics.dropped();
    }
  };
  const defects = selectedTestDefects();
  for (const defect of defects) log({ event: 'test-defect', defect, what: TEST_DEFECTS[defect] });
  const fetchHistory = (symbol: string, from: FillFrom) => adapter.fetchAfter(options.restUrl, symbol, from);
  const onFillError = (symbol: string, error: Error) => {
    metrics.fillErrors();
    log({ event: 'gap-fill-error', symbol, error: error.message });
  };
  const sequencer = new TradeSequencer(options.symbols, {
    emit(trade: ParsedTrade, source) {
      const ok = outbox.push({ topic, key: trade.symbol, value: rawTradeJson(exchange, trade, source, Date.now()), symbol: trade.symbol, tradeId: trade.tradeId, timeMs: trade.exchangeTsMs });
      if (!ok) metrics.dropped();
      else if (source === 'rest') metrics.gapFilled();
      return ok;
    },
    waitForRoom: async () => {
      while (!outbox.hasRoom && phase !== 'stopped') await new Promise((resolve) => setTimeout(resolve, ROOM_POLL_MS));
    },
    fetchAfter: defects.has('feed-handler-skips-gap-fill')
      ? async () => NO_HISTORY
      : defects.has('feed-handler-gives-up-fill-on-error')
        ? (symbol, from) => fetchHistory(symbol, from).catch((error: Error) => (onFillError(symbol, error), NO_HISTORY))
        : fetchHistory,
    onFillError,
    onRejected: dlq,
    onDropped: (count) => metrics.dropped(count),
    onDuplicate: () => metrics.duplicates(),
    onUnrecoverable: (symbol, fromId, toId) => {
      metrics.unrecoverable(toId - fromId + 1);
      log({ event: 'trades-unrecoverable', symbol, fromId, toId });
    },
  });

  let wsMessages = 0;
  const handleMessage = (text: string) => {
    const result = adapter.parse(text);
    if (result.exchangeError) log({ event: 'exchange-error', error: result.exchangeError });
    dlq(result.rejected);
    const trades = result.trades.sort((a, b) => a.tradeId - b.tradeId);
    for (const trade of trades) {
      if (sequencer.has(trade.symbol)) sequencer.live(trade);
      else dlq([{ reason: `symbol ${trade.symbol} is not one this handler subscribed to`, payload: trade.raw }]);
    }
  };
  const connection = new ExchangeConnection(options.wsUrl, adapter.subscribeMessages(options.symbols), {
    onOpen: () => {
      metrics.wsConnected(1);
      log({ event: 'ws-connected', url: options.wsUrl });
      sequencer.fillAll();
    },
    onMessage: (text) => {
      wsMessages++;
      try {
        handleMessage(text);
      } catch (error) {
        // Parsers never throw; this guards the rest of the path so that one message cannot stop the feed.
        log({ event: 'message-error', error: (error as Error).message });
      }
    },
    onClose: (reason, retryInMs) => {
      metrics.wsConnected(0);
      metrics.reconnects();
      log({ event: 'ws-closed', reason, retryInMs: Math.round(retryInMs) });
    },
  }, undefined, { reconnectOnCleanClose: !defects.has('feed-handler-reconnects-only-on-error'), pongsKeepAlive: defects.has('feed-handler-trusts-pongs') });

  let lastProduceError = 0;
  const ackedIds = new Map<string, number>();
  let countedDiskLosses = 0;
  const producer = new ProducerLoop(kafka, outbox, {
    onAcked(records) {
      let newest = 0;
      let trades = 0;
      for (const r of records) {
        if (r.tradeId === undefined) continue;
        trades++;
        // Gauges are set when scraped; per-record label work would cost more than producing.
        if (r.tradeId > (ackedIds.get(r.symbol!) ?? 0)) ackedIds.set(r.symbol!, r.tradeId);
        newest = Math.max(newest, r.timeMs ?? 0);
      }
      if (trades > 0) metrics.produced(trades);
      if (trades < records.length) metrics.dlq(records.length - trades);
      if (newest > 0) metrics.lastTradeTimeMs(newest);
      if (lastProduceError > 0) log({ event: 'broker-recovered', buffered: outbox.size });
      lastProduceError = 0;
      metrics.brokerUp(1);
    },
    onError(error) {
      metrics.produceErrors();
      metrics.brokerUp(0);
      const now = Date.now();
      if (now - lastProduceError > 10_000) log({ event: 'produce-error', error: error.message, buffered: outbox.size, spilled: outbox.spilled });
      lastProduceError = now;
    },
  }, { dropFailedBatches: defects.has('feed-handler-drops-failed-batch') });

  const refreshGauges = () => {
    metrics.buffered(outbox.size);
    metrics.spilled(outbox.spilled);
    metrics.spilledTotal(outbox.spilledTotal - metrics.registry.value('feed_handler_spilled_total', { exchange }));
    for (const [symbol, id] of ackedIds) metrics.setLastTradeId(symbol, id);
    metrics.dropped(outbox.lostToDiskErrors - countedDiskLosses);
    countedDiskLosses = outbox.lostToDiskErrors;
    metrics.wsMessages(wsMessages);
    wsMessages = 0;
  };
  const gaugeTimer = setInterval(refreshGauges, 500);

  const http: ServiceHttp = await startServiceHttp({
    host: options.http.host,
    port: options.http.port,
    health: () => ({
      ok: phase === 'running', phase, wsConnected: connection.connected, brokerUp: producer.brokerUp, buffered: outbox.size, spilled: outbox.spilled,
      ...(outbox.lastDiskError ? { lastDiskError: outbox.lastDiskError } : {}),
    }),
    metrics: () => {
      refreshGauges();
      return metrics.registry.render();
    },
  });

  const running = (async () => {
    while (phase === 'starting') {
      try {
        await ensureTopics(kafka, [topic, dlqTopic], options.partitions);
        const last = await lastProducedTrades(kafka, topic, options.symbols);
        for (const [symbol, from] of last) sequencer.setLast(symbol, from);
        log({ event: 'read-back', lastTradeIds: Object.fromEntries([...last].map(([s, f]) => [s, f.tradeId])) });
        break;
      } catch (error) {
        log({ event: 'read-back-error', error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, INIT_RETRY_MS));
      }
    }
    if (phase !== 'starting') return;
    phase = 'running';
    producer.start();
    connection.start();
  })();

  let closed: Promise<void> | undefined;
  const close = () => (closed ??= (async () => {
    phase = 'stopped';
    connection.stop();
    sequencer.stop();
    await running.catch(() => undefined);
    await producer.stop();
    clearInterval(gaugeTimer);
    await http.close();
    if (options.removeDataDirOnClose) rmSync(options.dataDir, { recursive: true, force: true });
  })());
  return { httpUrl: http.url, metrics, running, close, [Symbol.asyncDispose]: close };
}
