import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { feedHandlerMetrics } from '../../services/feed-handler/feed-handler-metrics';
import { readAckedTradeIds } from '../../src/probes/feed-handler/acked-trade-ids';

/** Serves a handler's real metrics text, as its /metrics does. */
async function serve(render: () => string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.end(render()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('reads each symbol\'s last acknowledged trade id from the handlers\' metrics', async () => {
  const kraken = feedHandlerMetrics('kraken');
  kraken.setLastTradeId('BTC/USD', 4_211);
  kraken.setLastTradeId('ETH/USD', 977);
  const fresh = feedHandlerMetrics('binance'); // started, nothing acknowledged yet
  const a = await serve(() => kraken.registry.render());
  const b = await serve(() => fresh.registry.render());
  try {
    const acked = await readAckedTradeIds({ kraken: { httpUrl: a.url }, binance: { httpUrl: b.url }, coinbase: { httpUrl: 'http://127.0.0.1:9' } });
    expect(acked).toEqual({ kraken: { 'BTC/USD': 4_211, 'ETH/USD': 977 } });
  } finally {
    a.server.close();
    b.server.close();
  }
});
