import type { ServerResponse } from 'node:http';
import { readJson, sendJson, type RouteHandler } from '../shared/service-http';
import type { Exchange } from '../../src/stack/names';
import { MAX_REST_OUTAGE_MS, type RestOutage } from './rest-outage';
import type { TradeHistory } from './trade-history';
import type { WsFeed } from './ws-feed';
import { MALFORMED_KINDS, type MalformedKind } from './wire/wire-format';

/** Most ids `/control/emission-time` and `/control/trades` answer in one call. */
const MAX_IDS = 10_000;
const MAX_MALFORMED = 100_000;
/** Longest refusal of new connections one call can ask for. */
const MAX_REFUSE_MS = 600_000;
/** Most trades per symbol one skip can leave off the live feed. */
const MAX_SKIP = 100_000;

function badRequest(res: ServerResponse, message: string): true {
  sendJson(res, 400, { error: message });
  return true;
}

function optionalNumber(url: URL, name: string): number | undefined | string {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : `${name} must be a number, got "${raw}"`;
}

/**
 * The ground-truth API under `/control/`: what was emitted when, the symbols, and the fault
 * levers (malformed messages, dropping or hanging connections, skipped ids, REST outages).
 */
export function controlRoutes(exchange: Exchange, info: { seed: number; ratePerSymbol: number }, history: TradeHistory, feed: WsFeed, restOutage: RestOutage): RouteHandler {
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/control/')) return false;
    const path = url.pathname.slice('/control/'.length);
    if (req.method === 'GET' && path === 'symbols') {
      sendJson(res, 200, { exchange, seed: info.seed, ratePerSymbol: info.ratePerSymbol, symbols: history.symbols });
      return true;
    }
    if (req.method === 'GET' && path === 'last-ids') {
      const symbols = Object.fromEntries(history.symbols.map((s, i) => [s, history.lastId(i)]));
      sendJson(res, 200, { exchange, nowMs: Date.now(), symbols });
      return true;
    }
    if (req.method === 'GET' && path === 'emitted') {
      const fromMs = optionalNumber(url, 'fromMs') ?? 0;
      const toMs = optionalNumber(url, 'toMs') ?? Date.now();
      if (typeof fromMs === 'string') return badRequest(res, fromMs);
      if (typeof toMs === 'string') return badRequest(res, toMs);
      const symbols = Object.fromEntries(history.symbols.map((s, i) => [s, history.log.emitted(i, fromMs, toMs)]));
      sendJson(res, 200, { exchange, fromMs, toMs, symbols });
      return true;
    }
    if (req.method === 'GET' && (path === 'emission-time' || path === 'trades')) {
      const symbol = url.searchParams.get('symbol') ?? '';
      const index = history.indexOf(symbol);
      if (index === undefined) return badRequest(res, `symbol must be one of ${history.symbols.join(', ')}, got "${symbol}"`);
      if (path === 'emission-time') {
        const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean).map(Number);
        if (ids.length === 0 || ids.length > MAX_IDS || !ids.every(Number.isInteger)) return badRequest(res, `ids must be 1 to ${MAX_IDS} comma-separated integers`);
        const times = Object.fromEntries(ids.map((id) => [id, history.log.emittedAtMs(index, id) ?? null]));
        sendJson(res, 200, { exchange, symbol, times });
        return true;
      }
      const fromId = optionalNumber(url, 'fromId') ?? 1;
      const toId = optionalNumber(url, 'toId') ?? Number(fromId) + 999;
      if (typeof fromId === 'string' || typeof toId === 'string') return badRequest(res, 'fromId and toId must be integers');
      sendJson(res, 200, { exchange, symbol, trades: history.range(index, fromId, Math.min(toId, fromId + MAX_IDS - 1)) });
      return true;
    }
    if (req.method === 'POST' && path === 'malformed') {
      const body = (await readJson(req).catch((e: Error) => e)) as { count?: unknown; kind?: unknown } | Error;
      if (body instanceof Error) return badRequest(res, `body must be JSON: ${body.message}`);
      const count = body.count ?? 1;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_MALFORMED) {
        return badRequest(res, `count must be an integer from 1 to ${MAX_MALFORMED}`);
      }
      if (body.kind !== undefined && !MALFORMED_KINDS.includes(body.kind as MalformedKind)) {
        return badRequest(res, `kind must be one of ${MALFORMED_KINDS.join(', ')}`);
      }
      const kinds = body.kind === undefined ? MALFORMED_KINDS : [body.kind as MalformedKind];
      sendJson(res, 200, { requested: count, kinds, delivered: feed.sendMalformed(count, kinds) });
      return true;
    }
    if (req.method === 'POST' && path === 'disconnect') {
      const body = (await readJson(req).catch((e: Error) => e)) as { refuseMs?: unknown } | Error;
      if (body instanceof Error) return badRequest(res, `body must be JSON: ${body.message}`);
      const refuseMs = body.refuseMs ?? 0;
      if (typeof refuseMs !== 'number' || !Number.isFinite(refuseMs) || refuseMs < 0 || refuseMs > MAX_REFUSE_MS) {
        return badRequest(res, `refuseMs must be a number of milliseconds from 0 to ${MAX_REFUSE_MS}`);
      }
      sendJson(res, 200, { closed: feed.disconnectAll(refuseMs), refusingMs: refuseMs });
      return true;
    }
    if (req.method === 'POST' && path === 'stall') {
      sendJson(res, 200, { stalled: feed.stallAll() });
      return true;
    }
    if (req.method === 'POST' && path === 'skip') {
      const body = (await readJson(req).catch((e: Error) => e)) as { count?: unknown } | Error;
      if (body instanceof Error) return badRequest(res, `body must be JSON: ${body.message}`);
      const count = body.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_SKIP) {
        return badRequest(res, `count must be an integer from 0 to ${MAX_SKIP} (trades per symbol; 0 cancels)`);
      }
      feed.skipLive(count);
      sendJson(res, 200, { skippingPerSymbol: count, symbols: history.symbols.length });
      return true;
    }
    if (req.method === 'GET' && path === 'skip') {
      sendJson(res, 200, { pending: feed.skipsPending, skipped: feed.stats.tradesSkipped });
      return true;
    }
    if (req.method === 'POST' && path === 'rest-down') {
      const body = (await readJson(req).catch((e: Error) => e)) as { durationMs?: unknown } | Error;
      if (body instanceof Error) return badRequest(res, `body must be JSON: ${body.message}`);
      const durationMs = body.durationMs;
      if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs <= 0 || durationMs > MAX_REST_OUTAGE_MS) {
        return badRequest(res, `durationMs must be a number of milliseconds above 0 and at most ${MAX_REST_OUTAGE_MS}`);
      }
      restOutage.begin(durationMs);
      sendJson(res, 200, { down: true, durationMs });
      return true;
    }
    if (req.method === 'POST' && path === 'rest-up') {
      restOutage.end();
      sendJson(res, 200, { down: false, refused: restOutage.refused });
      return true;
    }
    if (req.method === 'GET' && path === 'rest') {
      sendJson(res, 200, { down: restOutage.down, refused: restOutage.refused });
      return true;
    }
    if (req.method === 'POST' && path === 'accept') {
      feed.acceptConnections();
      sendJson(res, 200, { refusing: false });
      return true;
    }
    if (req.method === 'GET' && path === 'connections') {
      sendJson(res, 200, { connections: feed.connections, refusing: feed.refusing });
      return true;
    }
    sendJson(res, 404, { error: `no control route for ${req.method} ${url.pathname}` });
    return true;
  };
}
