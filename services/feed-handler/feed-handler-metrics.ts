import { MetricsRegistry } from '../shared/prometheus';

/** The feed handler's Prometheus metrics; every series carries the `exchange` label. */
export function feedHandlerMetrics(exchange: string) {
  const registry = new MetricsRegistry();
  const l = { exchange };
  const counter = (name: string, help: string) => {
    const inc = registry.counter(name, help);
    inc(0, l);
    return (by = 1) => inc(by, l);
  };
  const gauge = (name: string, help: string) => {
    const set = registry.gauge(name, help);
    set(0, l);
    return (value: number) => set(value, l);
  };
  const lastTradeId = registry.gauge('feed_handler_last_trade_id', 'Last trade id acknowledged by the broker, per symbol');
  return {
    registry,
    produced: counter('feed_handler_produced_total', 'Trades acknowledged by the broker on the raw topic'),
    dlq: counter('feed_handler_dlq_total', 'Messages acknowledged on the DLQ topic'),
    rejected: counter('feed_handler_rejected_total', 'Malformed exchange messages (or parts) sent to the DLQ'),
    buffered: gauge('feed_handler_buffered', 'Messages waiting for the broker (memory and disk)'),
    spilled: gauge('feed_handler_spilled', 'Messages waiting on disk'),
    spilledTotal: counter('feed_handler_spilled_total', 'Messages that went to disk because memory was full'),
    dropped: counter('feed_handler_dropped_total', 'Messages dropped because memory and disk were full (trades are refilled through REST)'),
    reconnects: counter('feed_handler_reconnects_total', 'Exchange WebSocket reconnects'),
    gapFilled: counter('feed_handler_gap_filled_total', 'Trades recovered through the exchange REST history'),
    unrecoverable: counter('feed_handler_unrecoverable_trades_total', 'Trade ids missing from both the feed and the REST history'),
    duplicates: counter('feed_handler_duplicates_skipped_total', 'Trades seen again (already produced) and skipped'),
    produceErrors: counter('feed_handler_produce_errors_total', 'Failed produce attempts (each is retried)'),
    fillErrors: counter('feed_handler_fill_errors_total', 'Failed REST history requests (each is retried)'),
    wsMessages: counter('feed_handler_ws_messages_total', 'WebSocket messages received'),
    lastTradeTimeMs: gauge('feed_handler_last_trade_timestamp_ms', 'Exchange time of the newest trade acknowledged by the broker, Unix ms'),
    brokerUp: gauge('feed_handler_broker_up', '1 when the last produce request succeeded'),
    wsConnected: gauge('feed_handler_ws_connected', '1 while the exchange WebSocket is open'),
    setLastTradeId: (symbol: string, id: number) => lastTradeId(id, { exchange, symbol }),
  };
}

export type FeedHandlerMetrics = ReturnType<typeof feedHandlerMetrics>;
